namespace WeChatDomains.Functions.Seams;

/// <summary>
/// The token refresh sweep the <c>RefreshTokens</c> timer runs (DESIGN section 6).
/// TODO(lead): when branch <c>tokens</c> merges, register an adapter over Core's <c>TokenRefreshSweep</c> before
/// <c>AddWeChatDomainsFunctions</c> (it uses TryAdd), or replace this seam with the Core type directly.
/// </summary>
public interface ITokenRefreshSweep
{
    /// <summary>Refreshes every token that is due, within the sweep's concurrency and rate limits.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
