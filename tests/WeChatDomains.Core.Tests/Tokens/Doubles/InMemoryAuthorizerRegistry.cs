using System.Globalization;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Core.Tests.Tokens.Doubles;

/// <summary>An authorizer registry in memory with ETags, paging, and a hook to force conflicts.</summary>
internal sealed class InMemoryAuthorizerRegistry : IAuthorizerRegistry
{
    private readonly Lock _gate = new();
    private readonly SortedDictionary<string, AuthorizerRecord> _records = new(StringComparer.Ordinal);
    private long _version;
    private int _conflicts;

    public int Conflicts => Volatile.Read(ref _conflicts);

    /// <summary>Number of upcoming conditional writes of this appid that meet a concurrent change first.</summary>
    public Dictionary<string, int> PendingConflicts { get; } = [];

    public AuthorizerRecord? Peek(string appId)
    {
        lock (_gate)
        {
            return _records.GetValueOrDefault(appId);
        }
    }

    public void Put(AuthorizerRecord record)
    {
        lock (_gate)
        {
            _records[record.AppId] = record with { ETag = NextETag() };
        }
    }

    public Task<AuthorizerRecord?> GetAsync(string appId, CancellationToken cancellationToken = default) => Task.FromResult(Peek(appId));

    public Task<AuthorizerRecord?> TryUpsertAsync(AuthorizerRecord record, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (PendingConflicts.TryGetValue(record.AppId, out var left) && left > 0 && _records.TryGetValue(record.AppId, out var existing))
            {
                PendingConflicts[record.AppId] = left - 1;
                _records[record.AppId] = existing with { ETag = NextETag() };
            }

            if (record.ETag is not null && (!_records.TryGetValue(record.AppId, out var stored) || stored.ETag != record.ETag))
            {
                _conflicts++;
                return Task.FromResult<AuthorizerRecord?>(null);
            }

            var saved = record with { ETag = NextETag() };
            _records[record.AppId] = saved;
            return Task.FromResult<AuthorizerRecord?>(saved);
        }
    }

    public Task<long> CountAsync(AuthorizerState state, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult((long)_records.Values.Count(r => r.State == state));
        }
    }

    public Task<Page<AuthorizerRecord>> ListAsync(AuthorizerState state, int pageSize, string? continuation, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var skip = continuation is null ? 0 : int.Parse(continuation, CultureInfo.InvariantCulture);
            var matching = _records.Values.Where(r => r.State == state).ToList();
            var items = matching.Skip(skip).Take(pageSize).ToList();
            var next = skip + items.Count < matching.Count ? (skip + items.Count).ToString(CultureInfo.InvariantCulture) : null;
            return Task.FromResult(new Page<AuthorizerRecord>(items, next));
        }
    }

    /// <summary>
    /// Every Active authorizer with no expiry or one before <paramref name="dueBy"/> plus the default spread (a superset of
    /// the due: the sweep checks each), by expiry; the continuation is the last key, so records refreshed meanwhile
    /// (which leave the set) do not shift the pages.
    /// </summary>
    public Task<Page<AuthorizerRecord>> ListDueAsync(DateTimeOffset dueBy, int pageSize, string? continuation, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var matching = _records.Values
                .Where(r => r.State == AuthorizerState.Active && (r.AccessTokenExpiresAt is null || r.AccessTokenExpiresAt < dueBy + TokenConstants.DefaultRefreshSpread))
                .Select(r => (Key: DueKey(r), Record: r))
                .Where(e => continuation is null || string.CompareOrdinal(e.Key, continuation) > 0)
                .OrderBy(e => e.Key, StringComparer.Ordinal)
                .ToList();
            var items = matching.Take(pageSize).ToList();
            var next = items.Count < matching.Count ? items[^1].Key : null;
            return Task.FromResult(new Page<AuthorizerRecord>([.. items.Select(e => e.Record)], next));
        }
    }

    /// <summary>The due times with the default spread, as the sweep is configured in these tests.</summary>
    public Task<IReadOnlyList<DateTimeOffset>> ListDueTimesAsync(DateTimeOffset dueBy, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<DateTimeOffset> times = [.. _records.Values
                .Where(r => r.State == AuthorizerState.Active)
                .Select(r => RefreshSlots.DueAt(r.AppId, r.AccessTokenExpiresAt, TokenConstants.DefaultRefreshSpread) ?? DateTimeOffset.MinValue)
                .Where(d => d < dueBy)
                .Order()];
            return Task.FromResult(times);
        }
    }

    public Task<DateTimeOffset?> GetSoonestExpiryAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_records.Values.Where(r => r.State == AuthorizerState.Active).Min(r => r.AccessTokenExpiresAt));
        }
    }

    public Task<QuotaLedger> GetLedgerAsync(string appId, string month, CancellationToken cancellationToken = default) =>
        Task.FromResult(new QuotaLedger { AppId = appId, Month = month });

    public Task<QuotaLedger?> TryWriteLedgerAsync(QuotaLedger ledger, CancellationToken cancellationToken = default) =>
        Task.FromResult<QuotaLedger?>(ledger);

    private static string DueKey(AuthorizerRecord record) =>
        (record.AccessTokenExpiresAt?.UtcTicks ?? 0).ToString("D19", CultureInfo.InvariantCulture) + "|" + record.AppId;

    private string NextETag() => (++_version).ToString(CultureInfo.InvariantCulture);
}
