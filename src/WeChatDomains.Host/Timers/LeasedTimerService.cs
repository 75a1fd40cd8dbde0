using Microsoft.Extensions.Options;
using WeChatDomains.Core.Ports;

namespace WeChatDomains.Host.Timers;

/// <summary>
/// Runs one <see cref="IScheduledJob"/> at start and then every period (a <see cref="PeriodicTimer"/> on the injected
/// <see cref="TimeProvider"/>), one run at a time, each under a lease from <see cref="ILeaseStore"/> so that two Hosts
/// never run it together. A run that fails is logged and the next tick tries again.
/// </summary>
public sealed class LeasedTimerService(IScheduledJob job, ILeaseStore leases, IOptions<TimerOptions> options, TimeProvider time, ILogger<LeasedTimerService> logger)
    : BackgroundService
{
    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(job.Period, time);
        try
        {
            do
            {
                await RunOnceAsync(stoppingToken);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One leased run; false when another Host holds the lease.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var lease = await leases.TryAcquireAsync(job.LeaseName, options.Value.RunLease, cancellationToken);
            if (lease is null)
            {
                Log.LeaseHeld(logger, job.LeaseName);
                return false;
            }

            await using (lease)
            {
                await job.RunAsync(cancellationToken);
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.RunFailed(logger, job.LeaseName, e);
            return false;
        }
    }
}
