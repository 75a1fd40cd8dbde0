using Microsoft.Extensions.Options;
using WeChatDomains.Core.Profiles;
using WeChatDomains.Core.Profiles.Drift;

namespace WeChatDomains.Host.Timers;

/// <summary>Reads every assigned authorizer's domains once a period, spread (Core's <see cref="DriftService"/>).</summary>
public sealed class DriftJob(DriftService drift, IOptions<ProfileOptions> options) : IScheduledJob
{
    /// <summary>The lease name.</summary>
    public const string Lease = "host-timer-drift";

    /// <inheritdoc />
    public string LeaseName => Lease;

    /// <inheritdoc />
    public TimeSpan Period => options.Value.DriftScanPeriod;

    /// <inheritdoc />
    public Task RunAsync(CancellationToken cancellationToken) => drift.ScanAsync(cancellationToken);
}
