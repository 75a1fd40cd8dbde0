using Microsoft.Extensions.Options;
using WeChatDomains.Core.Profiles;
using WeChatDomains.Core.Profiles.Rollouts;

namespace WeChatDomains.Host.Timers;

/// <summary>Steps every Running rollout (Core's <see cref="RolloutDriver"/>); one Host at a time under the lease.</summary>
public sealed class RolloutJob(RolloutDriver driver, IOptions<ProfileOptions> options) : IScheduledJob
{
    /// <summary>The lease name.</summary>
    public const string Lease = "host-timer-rollouts";

    /// <inheritdoc />
    public string LeaseName => Lease;

    /// <inheritdoc />
    public TimeSpan Period => options.Value.RolloutStepPeriod;

    /// <inheritdoc />
    /// <remarks>A step is level-triggered and writes by ETag with deterministic commandIds: two at once apply nothing twice.</remarks>
    public bool RunsWhenOverdue => true;

    /// <inheritdoc />
    public Task RunAsync(CancellationToken cancellationToken) => driver.StepAllAsync(cancellationToken);
}
