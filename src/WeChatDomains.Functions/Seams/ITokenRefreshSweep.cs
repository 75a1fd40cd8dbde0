namespace WeChatDomains.Functions.Seams;

/// <summary>
/// The token refresh sweep the <c>RefreshTokens</c> timer runs (DESIGN section 6).
/// </summary>
public interface ITokenRefreshSweep
{
    /// <summary>Refreshes every token that is due, within the sweep's concurrency and rate limits.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
