using Microsoft.Extensions.Logging;
using WeChatDomains.Core.Ports;

namespace WeChatDomains.Core.Tokens;

/// <summary>
/// Renews a held lease every <c>interval</c> (a third of its duration) while the work under it runs, so a refresh that
/// takes longer than the lease (retries, write-limiter waits, throttling) is not refreshed again by another instance,
/// which would make WeChat invalidate the token this one is about to store. Disposing stops the renewals; it does not
/// release the lease (its owner does). <see cref="IsLost"/> says another holder took the lease after all.
/// </summary>
internal sealed class LeaseKeeper : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly ILease _lease;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Task _loop;
    private volatile bool _lost;

    private LeaseKeeper(ILease lease, TimeSpan interval, TimeProvider time, ILogger logger)
    {
        _lease = lease;
        _interval = interval;
        _time = time;
        _logger = logger;
        _loop = RenewAsync();
    }

    /// <summary>True once a renewal found the lease taken by another holder.</summary>
    public bool IsLost => _lost;

    /// <summary>Starts renewing <paramref name="lease"/> of <paramref name="duration"/>.</summary>
    public static LeaseKeeper Start(ILease lease, TimeSpan duration, TimeProvider time, ILogger logger) =>
        new(lease, duration / TokenConstants.LeaseRenewalsPerDuration, time, logger);

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task RenewAsync()
    {
        try
        {
            while (true)
            {
                await Task.Delay(_interval, _time, _stop.Token).ConfigureAwait(false);
                if (!await _lease.RenewAsync(_stop.Token).ConfigureAwait(false))
                {
                    _lost = true;
                    Log.RefreshLeaseLost(_logger, _lease.Name);
                    return;
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.LeaseRenewalFaulted(_logger, _lease.Name, ex.GetType().Name);
        }
    }
}
