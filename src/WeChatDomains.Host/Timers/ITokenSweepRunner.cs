namespace WeChatDomains.Host.Timers;

/// <summary>
/// The seam between the token sweep timer and Core's token refresh sweep (<see cref="CoreTokenSweepRunner"/>).
/// </summary>
public interface ITokenSweepRunner
{
    /// <summary>Refreshes every token that is due.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}
