namespace WeChatDomains.Core.Tokens;

/// <summary>
/// What the hosts' token timers run (the Functions timer, the self-host's scheduled job); implemented by
/// <see cref="TokenRefreshSweep"/>.
/// </summary>
public interface ITokenRefreshSweep
{
    /// <summary>Refreshes every token that is due, within the sweep's concurrency and rate limits.</summary>
    Task<TokenSweepResult> RunAsync(CancellationToken cancellationToken = default);
}
