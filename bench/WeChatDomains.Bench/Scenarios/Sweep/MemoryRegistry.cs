using System.Collections.Concurrent;
using System.Globalization;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Bench.Scenarios.Sweep;

/// <summary>
/// The authorizer registry in memory, with ETags, paged by appid, and an index of Active authorizers by refresh due time
/// (<see cref="RefreshSlots.DueAt"/> with the default spread, as the sweep is configured here) and by expiry, as the
/// table registry keeps them: what the sweep reads. <see cref="RecordReads"/> counts the records handed out.
/// </summary>
internal sealed class MemoryRegistry : IAuthorizerRegistry
{
    private readonly ConcurrentDictionary<string, AuthorizerRecord> _records = new(StringComparer.Ordinal);
    private readonly SortedSet<string> _due = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTimeOffset ExpiresAt, string AppId)> _expiry = [];
    private long _recordReads;
    private long _version;
    private string[] _sorted = [];

    public IEnumerable<AuthorizerRecord> All => _records.Values;

    /// <summary>Records read through <see cref="ListDueAsync"/> and <see cref="ListAsync"/> so far.</summary>
    public long RecordReads => Interlocked.Read(ref _recordReads);

    public void Put(AuthorizerRecord record)
    {
        lock (_records)
        {
            Store(record with { ETag = NextETag() });
            _sorted = [.. _records.Keys.Order(StringComparer.Ordinal)];
        }
    }

    public Task<AuthorizerRecord?> GetAsync(string appId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.GetValueOrDefault(appId));

    public Task<AuthorizerRecord?> TryUpsertAsync(AuthorizerRecord record, CancellationToken cancellationToken = default)
    {
        lock (_records)
        {
            var current = _records.GetValueOrDefault(record.AppId);
            if (current is not null && record.ETag is not null && current.ETag != record.ETag)
            {
                return Task.FromResult<AuthorizerRecord?>(null);
            }

            var stored = record with { ETag = NextETag() };
            Store(stored);
            return Task.FromResult<AuthorizerRecord?>(stored);
        }
    }

    public Task<long> CountAsync(AuthorizerState state, CancellationToken cancellationToken = default) =>
        Task.FromResult((long)_records.Values.Count(r => r.State == state));

    public Task<Page<AuthorizerRecord>> ListAsync(AuthorizerState state, int pageSize, string? continuation, CancellationToken cancellationToken = default)
    {
        var sorted = _sorted;
        var start = continuation is null ? 0 : Array.BinarySearch(sorted, continuation, StringComparer.Ordinal);
        start = continuation is null ? 0 : start >= 0 ? start + 1 : ~start;
        var items = new List<AuthorizerRecord>(pageSize);
        var i = start;
        for (; i < sorted.Length && items.Count < pageSize; i++)
        {
            if (_records[sorted[i]] is { } record && record.State == state)
            {
                items.Add(record);
            }
        }

        Interlocked.Add(ref _recordReads, items.Count);
        return Task.FromResult(new Page<AuthorizerRecord>(items, i < sorted.Length && items.Count > 0 ? items[^1].AppId : null));
    }

    public Task<Page<AuthorizerRecord>> ListDueAsync(DateTimeOffset dueBy, int pageSize, string? continuation, CancellationToken cancellationToken = default)
    {
        lock (_records)
        {
            var before = DueKey(AppIdAfterAll, dueBy);
            var after = continuation ?? string.Empty;
            var keys = string.CompareOrdinal(after, before) >= 0
                ? []
                : _due.GetViewBetween(after, before).Where(k => k != continuation && k != before).Take(pageSize + 1).ToList();
            var page = keys.Take(pageSize).ToList();
            var items = page.Select(k => _records[k[(k.IndexOf('|', StringComparison.Ordinal) + 1)..]]).ToList();
            Interlocked.Add(ref _recordReads, items.Count);
            return Task.FromResult(new Page<AuthorizerRecord>(items, keys.Count > pageSize ? page[^1] : null));
        }
    }

    public Task<DateTimeOffset?> GetSoonestExpiryAsync(CancellationToken cancellationToken = default)
    {
        lock (_records)
        {
            return Task.FromResult<DateTimeOffset?>(_expiry.Count == 0 ? null : _expiry.Min.ExpiresAt);
        }
    }

    public Task<QuotaLedger> GetLedgerAsync(string appId, string month, CancellationToken cancellationToken = default) =>
        Task.FromResult(new QuotaLedger { AppId = appId, Month = month });

    public Task<QuotaLedger?> TryWriteLedgerAsync(QuotaLedger ledger, CancellationToken cancellationToken = default) =>
        Task.FromResult<QuotaLedger?>(ledger);

    /// <summary>Sorts after every appid: bounds a due-time range.</summary>
    private const string AppIdAfterAll = "~";

    private static string DueKey(string appId, DateTimeOffset? dueAt) =>
        (dueAt?.UtcTicks ?? 0).ToString("D19", CultureInfo.InvariantCulture) + "|" + appId;

    private static string DueKey(AuthorizerRecord record) =>
        DueKey(record.AppId, RefreshSlots.DueAt(record.AppId, record.AccessTokenExpiresAt, TokenConstants.DefaultRefreshSpread));

    /// <summary>Replaces the record and its index entries (under the lock).</summary>
    private void Store(AuthorizerRecord record)
    {
        if (_records.TryGetValue(record.AppId, out var previous) && previous.State == AuthorizerState.Active)
        {
            _due.Remove(DueKey(previous));
            if (previous.AccessTokenExpiresAt is { } expired)
            {
                _expiry.Remove((expired, previous.AppId));
            }
        }

        _records[record.AppId] = record;
        if (record.State == AuthorizerState.Active)
        {
            _due.Add(DueKey(record));
            if (record.AccessTokenExpiresAt is { } expiresAt)
            {
                _expiry.Add((expiresAt, record.AppId));
            }
        }
    }

    private string NextETag() => Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);
}
