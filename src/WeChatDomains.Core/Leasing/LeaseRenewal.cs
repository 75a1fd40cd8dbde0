using WeChatDomains.Core.Ports;

namespace WeChatDomains.Core.Leasing;

/// <summary>
/// Keeps a lease alive while work runs under it: a short lease renewed every third of its duration, instead of one long
/// enough for the slowest run. A crashed holder's lease then lapses within one duration. The work's cancellation token
/// is cancelled when the lease is lost (another holder took it) or could not be renewed before it lapsed (storage
/// unreachable): past that point another instance may start the same work.
/// </summary>
public static class LeaseRenewal
{
    /// <summary>Runs <paramref name="work"/> while renewing <paramref name="lease"/> (taken for <paramref name="duration"/>).</summary>
    public static async Task RunAsync(
        ILease lease, TimeSpan duration, TimeProvider time, Func<CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(work);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);

        using var lost = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var done = new CancellationTokenSource();
        var renewing = RenewUntilDoneAsync(lease, duration / 3, time, lost, done.Token);
        try
        {
            await work(lost.Token).ConfigureAwait(false);
        }
        finally
        {
            await done.CancelAsync().ConfigureAwait(false);
            await renewing.ConfigureAwait(false);
        }
    }

    private static async Task RenewUntilDoneAsync(ILease lease, TimeSpan every, TimeProvider time, CancellationTokenSource lost, CancellationToken done)
    {
        using var timer = new PeriodicTimer(every, time);
        try
        {
            while (!lost.IsCancellationRequested && await timer.WaitForNextTickAsync(done).ConfigureAwait(false))
            {
                var renewed = await TryRenewAsync(lease, done).ConfigureAwait(false);
                if (renewed == false || renewed is null && time.GetUtcNow() >= lease.ExpiresAt - every)
                {
                    await lost.CancelAsync().ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (done.IsCancellationRequested)
        {
        }
    }

    /// <summary>True when renewed, false when lost, null when storage did not answer.</summary>
    private static async Task<bool?> TryRenewAsync(ILease lease, CancellationToken done)
    {
        try
        {
            return await lease.RenewAsync(done).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // Storage may be unreachable: the lease's expiry decides, the next renewal tries again.
        catch (Exception e) when (e is not OperationCanceledException || !done.IsCancellationRequested)
#pragma warning restore CA1031
        {
            return null;
        }
    }
}
