using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Ports;

namespace WeChatDomains.Azure.Leases;

/// <summary>
/// <see cref="ILeaseStore"/> on Table Storage: one row per name in <c>leases</c> (PK = name, RK = <c>lease|{name}</c>) with its
/// holder and expiry. Acquiring inserts the row, or replaces it with its ETag once it has lapsed (time from the
/// injected <see cref="TimeProvider"/>) or when the row is this store's own <see cref="Holder"/>'s (a lease whose release
/// failed, or one left by an earlier run of the same instance: taken back at once rather than waited out). Renewing
/// replaces it with the holder's ETag; releasing deletes it with that ETag. Within one store a name is held by one
/// caller at a time. Names must be valid partition keys (no <c>/ \ # ?</c> or control characters).
/// </summary>
public sealed class TableLeaseStore : ILeaseStore
{
    /// <summary>The kind of a lease row, and the RowKey of a lease stored before <see cref="RowKeys"/>.</summary>
    internal const string Kind = "lease";

    /// <summary>The rows of <c>leases</c> <see cref="RowKeyMigration"/> moves.</summary>
    internal static IReadOnlyList<string> LegacyRowFilters { get; } = [TableClient.CreateQueryFilter($"RowKey eq {Kind}")];

    internal static string RowKeyOf(string name) => RowKeys.Of(Kind, name);
    internal const string ExpiresAtProperty = "ExpiresAt";
    internal const string HolderProperty = "Holder";

    private readonly TableStorageTables _tables;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<string, byte> _inUse = new(StringComparer.Ordinal);

    /// <summary>A store whose holder id is <paramref name="holder"/>, or a new one of its own when null.</summary>
    public TableLeaseStore(TableStorageTables tables, TimeProvider time, string? holder = null)
    {
        _tables = tables ?? throw new ArgumentNullException(nameof(tables));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        Holder = string.IsNullOrWhiteSpace(holder) ? Guid.NewGuid().ToString("N") : holder;
    }

    /// <summary>
    /// Who this store holds leases as: <c>TableStorage:LeaseHolder</c> when set (an instance id that survives a restart,
    /// so a restarted instance takes back its own leases at once), else an id new with each store.
    /// </summary>
    public string Holder { get; }

    /// <inheritdoc />
    public async Task<ILease?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(duration, TimeSpan.Zero);
        if (name.AsSpan().IndexOfAny("/\\#?") >= 0 || name.Any(char.IsControl))
        {
            throw new ArgumentException("A lease name cannot hold '/', '\\', '#', '?' or control characters.", nameof(name));
        }

        if (!_inUse.TryAdd(name, 0))
        {
            return null;
        }

        ILease? lease = null;
        try
        {
            lease = await AcquireAsync(name, duration, cancellationToken).ConfigureAwait(false);
            return lease;
        }
        finally
        {
            if (lease is null)
            {
                Forget(name);
            }
        }
    }

    /// <summary>Extends a held lease; the new ETag and expiry, or null when the row is no longer the holder's.</summary>
    internal async Task<(ETag ETag, DateTimeOffset ExpiresAt)?> TryRenewAsync(string name, TimeSpan duration, ETag etag, CancellationToken cancellationToken)
    {
        var expiresAt = _time.GetUtcNow() + duration;
        try
        {
            var renewed = await _tables.Leases.UpdateEntityAsync(Row(name, expiresAt), etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return (renewed.Headers.ETag!.Value, expiresAt);
        }
        catch (RequestFailedException exception) when (exception.IsStale())
        {
            return null;
        }
    }

    /// <summary>Deletes the row if it is still the holder's version.</summary>
    internal Task ReleaseAsync(string name, ETag etag) =>
        _tables.Leases.DeleteIfUnchangedAsync(name, RowKeyOf(name), etag, CancellationToken.None);

    /// <summary>The name is free for this store's callers again (its lease was released, lost, or its release failed).</summary>
    internal void Forget(string name) => _inUse.TryRemove(name, out _);

    private async Task<ILease?> AcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken)
    {
        await _tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var expiresAt = _time.GetUtcNow() + duration;
        try
        {
            var added = await _tables.Leases.AddEntityAsync(Row(name, expiresAt), cancellationToken).ConfigureAwait(false);
            return new TableLease(this, name, duration, expiresAt, added.Headers.ETag!.Value);
        }
        catch (RequestFailedException exception) when (exception.Status == TableResults.Conflict)
        {
        }

        var current = await _tables.Leases.GetOrNullAsync(name, RowKeyOf(name), cancellationToken).ConfigureAwait(false);
        if (current is null || !IsOurs(current) && current.GetDateTimeOffset(ExpiresAtProperty) > _time.GetUtcNow())
        {
            return null;
        }

        try
        {
            var taken = await _tables.Leases.UpdateEntityAsync(Row(name, expiresAt), current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return new TableLease(this, name, duration, expiresAt, taken.Headers.ETag!.Value);
        }
        catch (RequestFailedException exception) when (exception.IsStale())
        {
            return null;
        }
    }

    private bool IsOurs(TableEntity row) => string.Equals(row.GetString(HolderProperty), Holder, StringComparison.Ordinal);

    private TableEntity Row(string name, DateTimeOffset expiresAt) => new(name, RowKeyOf(name))
    {
        [HolderProperty] = Holder,
        [ExpiresAtProperty] = expiresAt,
    };
}
