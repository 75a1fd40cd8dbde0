using WeChatDomains.Core.Tokens;
using Microsoft.Extensions.Options;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Processing;

namespace WeChatDomains.Host.Timers;

/// <summary>Releases due Deferred commands back onto the queue (Core's <see cref="DeferredRelease"/>).</summary>
public sealed class DeferredReleaseJob(DeferredRelease release, ICommandSender sender, IOptions<TimerOptions> options) : IScheduledJob
{
    /// <inheritdoc />
    public string LeaseName => TimerConstants.DeferredReleaseLease;

    /// <inheritdoc />
    public TimeSpan Period => options.Value.DeferredReleasePeriod;

    /// <inheritdoc />
    /// <remarks>Releasing a command twice only yields a duplicate message, which the claim turns into a no-op.</remarks>
    public bool RunsWhenOverdue => true;

    /// <inheritdoc />
    public Task RunAsync(CancellationToken cancellationToken) => release.ReleaseDueAsync(sender, cancellationToken: cancellationToken);
}

/// <summary>Runs the token refresh sweep through its seam.</summary>
public sealed class TokenSweepJob(ITokenRefreshSweep sweep, IOptions<TimerOptions> options) : IScheduledJob
{
    /// <inheritdoc />
    public string LeaseName => TimerConstants.TokenSweepLease;

    /// <inheritdoc />
    public TimeSpan Period => options.Value.TokenSweepPeriod;

    /// <inheritdoc />
    public Task RunAsync(CancellationToken cancellationToken) => sweep.RunAsync(cancellationToken);
}
