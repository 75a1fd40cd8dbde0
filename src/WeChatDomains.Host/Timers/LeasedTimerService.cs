using Microsoft.Extensions.Options;
using WeChatDomains.Core.Leasing;
using WeChatDomains.Core.Ports;

namespace WeChatDomains.Host.Timers;

/// <summary>
/// Runs one <see cref="IScheduledJob"/> at start and then every period (a <see cref="PeriodicTimer"/> on the injected
/// <see cref="TimeProvider"/>), one run at a time, each under a short lease from <see cref="ILeaseStore"/>, renewed
/// while the run lasts (<see cref="LeaseRenewal"/>), so that two Hosts never run it together and a Host that dies
/// mid-run holds it up for one lease at most. A run that fails is logged and the next tick tries again. A job that
/// is safe to run twice (<see cref="IScheduledJob.RunsWhenOverdue"/>) runs without the lease once no run has completed
/// here for <see cref="TimerOptions.OverdueAfterPeriods"/> periods: a lease that cannot be had never stops it for good.
/// </summary>
public sealed class LeasedTimerService(IScheduledJob job, ILeaseStore leases, IOptions<TimerOptions> options, TimeProvider time, ILogger<LeasedTimerService> logger)
    : BackgroundService
{
    private DateTimeOffset? _lastCompleted;
    private DateTimeOffset? _firstTried;

    /// <summary>The lease name of the job it runs.</summary>
    public string JobName => job.LeaseName;

    /// <summary>When a run last completed in this Host (with the lease or overdue without it); null before the first.</summary>
    public DateTimeOffset? LastCompleted => _lastCompleted;

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

    /// <summary>One run: leased, or unleased when overdue; false when it did not run or failed.</summary>
    public async Task<bool> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        _firstTried ??= now;
        try
        {
            var duration = options.Value.RunLease;
            var lease = await leases.TryAcquireAsync(job.LeaseName, duration, cancellationToken);
            if (lease is null)
            {
                if (!IsOverdue(now))
                {
                    Log.LeaseHeld(logger, job.LeaseName);
                    return false;
                }

                Log.RunningOverdue(logger, job.LeaseName, _lastCompleted);
                await job.RunAsync(cancellationToken);
            }
            else
            {
                Log.RunStarted(logger, job.LeaseName);
                await using (lease)
                {
                    await LeaseRenewal.RunAsync(lease, duration, time, job.RunAsync, cancellationToken);
                }
            }

            _lastCompleted = time.GetUtcNow();
            Log.RunCompleted(logger, job.LeaseName);
            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            Log.RunFailed(logger, job.LeaseName, e);
            return false;
        }
    }

    private bool IsOverdue(DateTimeOffset now) =>
        job.RunsWhenOverdue && now - (_lastCompleted ?? _firstTried!.Value) >= job.Period * options.Value.OverdueAfterPeriods;
}
