using Azure;
using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Ports;

namespace WeChatDomains.Azure.Leases;

/// <summary>
/// <see cref="ILeaseStore"/> on Table Storage: one row per name in <c>leases</c> (PK = name, RK = <c>lease</c>) with its
/// holder and expiry. Acquiring inserts the row, or replaces it with its ETag once it has lapsed (time from the
/// injected <see cref="TimeProvider"/>); renewing replaces it with the holder's ETag; releasing deletes it with that ETag.
/// Names must be valid partition keys (no <c>/ \ # ?</c> or control characters).
/// </summary>
public sealed class TableLeaseStore(TableStorageTables tables, TimeProvider time) : ILeaseStore
{
    internal const string RowKey = "lease";
    internal const string ExpiresAtProperty = "ExpiresAt";
    internal const string HolderProperty = "Holder";

    /// <inheritdoc />
    public async Task<ILease?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        if (name.AsSpan().IndexOfAny("/\\#?") >= 0 || name.Any(char.IsControl))
        {
            throw new ArgumentException("A lease name cannot hold '/', '\\', '#', '?' or control characters.", nameof(name));
        }

        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var holder = Guid.NewGuid().ToString("N");
        var expiresAt = time.GetUtcNow() + duration;
        var row = Row(name, holder, expiresAt);
        try
        {
            var added = await tables.Leases.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return new TableLease(this, name, holder, duration, expiresAt, added.Headers.ETag!.Value);
        }
        catch (RequestFailedException exception) when (exception.Status == TableResults.Conflict)
        {
        }

        var current = await tables.Leases.GetOrNullAsync(name, RowKey, cancellationToken).ConfigureAwait(false);
        if (current is null || current.GetDateTimeOffset(ExpiresAtProperty) > time.GetUtcNow())
        {
            return null;
        }

        try
        {
            var taken = await tables.Leases.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return new TableLease(this, name, holder, duration, expiresAt, taken.Headers.ETag!.Value);
        }
        catch (RequestFailedException exception) when (exception.IsStale())
        {
            return null;
        }
    }

    /// <summary>Extends a held lease; the new ETag and expiry, or null when the row is no longer the holder's.</summary>
    internal async Task<(ETag ETag, DateTimeOffset ExpiresAt)?> TryRenewAsync(string name, string holder, TimeSpan duration, ETag etag, CancellationToken cancellationToken)
    {
        var expiresAt = time.GetUtcNow() + duration;
        try
        {
            var renewed = await tables.Leases.UpdateEntityAsync(Row(name, holder, expiresAt), etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return (renewed.Headers.ETag!.Value, expiresAt);
        }
        catch (RequestFailedException exception) when (exception.IsStale())
        {
            return null;
        }
    }

    /// <summary>Deletes the row if it is still the holder's version.</summary>
    internal Task ReleaseAsync(string name, ETag etag) =>
        tables.Leases.DeleteIfUnchangedAsync(name, RowKey, etag, CancellationToken.None);

    private static TableEntity Row(string name, string holder, DateTimeOffset expiresAt) => new(name, RowKey)
    {
        [HolderProperty] = holder,
        [ExpiresAtProperty] = expiresAt,
    };
}
