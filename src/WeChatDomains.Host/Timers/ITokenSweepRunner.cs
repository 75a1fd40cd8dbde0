namespace WeChatDomains.Host.Timers;

/// <summary>
/// The seam between the token sweep timer and Core's token refresh sweep (wired in
/// <see cref="HostAdapters"/>); until it is, <see cref="UnwiredTokenSweepRunner"/> says so and does nothing.
/// </summary>
public interface ITokenSweepRunner
{
    /// <summary>Refreshes every token that is due.</summary>
    Task RunAsync(CancellationToken cancellationToken);
}

/// <summary>Placeholder until the token sweep is wired: logs once that tokens are not being refreshed.</summary>
public sealed class UnwiredTokenSweepRunner(ILogger<UnwiredTokenSweepRunner> logger) : ITokenSweepRunner
{
    private int _warned;

    /// <inheritdoc />
    public Task RunAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _warned, 1) == 0)
        {
            Log.SweepNotWired(logger);
        }

        return Task.CompletedTask;
    }
}
