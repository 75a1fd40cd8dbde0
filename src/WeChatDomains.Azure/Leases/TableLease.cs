using Azure;
using WeChatDomains.Core.Ports;

namespace WeChatDomains.Azure.Leases;

/// <summary>
/// A lease held through <see cref="TableLeaseStore"/>: the ETag of the row version this holder wrote is its proof of
/// holding. One holder uses it at a time (renewals are serialized). Disposing it releases the row and frees the name
/// for this store's callers even when the release fails: the store then takes its own row back on the next acquire.
/// </summary>
internal sealed class TableLease(TableLeaseStore store, string name, TimeSpan duration, DateTimeOffset expiresAt, ETag etag) : ILease
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private ETag _etag = etag;
    private bool _lost;
    private bool _released;

    public string Name { get; } = name;

    public DateTimeOffset ExpiresAt { get; private set; } = expiresAt;

    public async Task<bool> RenewAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_lost || _released)
            {
                return false;
            }

            var renewed = await store.TryRenewAsync(Name, duration, _etag, cancellationToken).ConfigureAwait(false);
            if (renewed is not { } value)
            {
                _lost = true;
                return false;
            }

            (_etag, ExpiresAt) = value;
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!_released && !_lost)
            {
                _released = true;
                await store.ReleaseAsync(Name, _etag).ConfigureAwait(false);
            }

            _released = true;
        }
        finally
        {
            store.Forget(Name);
            _gate.Release();
        }
    }
}
