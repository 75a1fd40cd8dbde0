using System.Collections.Concurrent;
using System.Globalization;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Bench.Scenarios.Sweep;

/// <summary>
/// The authorizer registry in memory, with ETags, and sorted indexes of Active authorizers by refresh due time
/// (<see cref="RefreshSlots.DueAt"/> with the default spread, as the sweep is configured here) and by expiry, as the
/// table registry keeps them: what the sweep reads. Every operation costs O(log n) plus what it returns, so a day at
/// 100,000 authorizers stays cheap. <see cref="RecordReads"/> counts the records handed out.
/// </summary>
internal sealed class MemoryRegistry : IAuthorizerRegistry
{
    private static readonly DueEntry Before = new(long.MinValue, string.Empty);

    private readonly ConcurrentDictionary<string, AuthorizerRecord> _records = new(StringComparer.Ordinal);
    private readonly SortedSet<DueEntry> _due = [];
    private readonly SortedSet<(DateTimeOffset ExpiresAt, string AppId)> _expiry = [];
    private readonly Dictionary<AuthorizerState, long> _counts = [];
    private readonly Lock _gate = new();
    private long _recordReads;
    private long _version;
    private string[]? _sorted;

    public IEnumerable<AuthorizerRecord> All => _records.Values;

    /// <summary>Records read through <see cref="ListDueAsync"/> and <see cref="ListAsync"/> so far.</summary>
    public long RecordReads => Interlocked.Read(ref _recordReads);

    public void Put(AuthorizerRecord record)
    {
        lock (_gate)
        {
            Store(record with { ETag = NextETag() });
        }
    }

    public Task<AuthorizerRecord?> GetAsync(string appId, CancellationToken cancellationToken = default) =>
        Task.FromResult(_records.GetValueOrDefault(appId));

    public Task<AuthorizerRecord?> TryUpsertAsync(AuthorizerRecord record, CancellationToken cancellationToken = default)
    {
        lock (_gate)
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

    public Task<long> CountAsync(AuthorizerState state, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return Task.FromResult(_counts.GetValueOrDefault(state));
        }
    }

    public Task<Page<AuthorizerRecord>> ListAsync(AuthorizerState state, int pageSize, string? continuation, CancellationToken cancellationToken = default)
    {
        string[] sorted;
        lock (_gate)
        {
            sorted = _sorted ??= [.. _records.Keys.Order(StringComparer.Ordinal)];
        }

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
        lock (_gate)
        {
            var after = continuation is null ? Before : DueEntry.Parse(continuation);
            var items = new List<AuthorizerRecord>(pageSize);
            var last = after;
            var more = false;
            foreach (var entry in _due.GetViewBetween(after, new DueEntry(Ticks(dueBy) - 1, AppIdAfterAll)))
            {
                if (entry == after)
                {
                    continue;
                }

                if (items.Count == pageSize)
                {
                    more = true;
                    break;
                }

                items.Add(_records[entry.AppId]);
                last = entry;
            }

            Interlocked.Add(ref _recordReads, items.Count);
            return Task.FromResult(new Page<AuthorizerRecord>(items, more ? last.ToString() : null));
        }
    }

    public Task<IReadOnlyList<DateTimeOffset>> ListDueTimesAsync(DateTimeOffset dueBy, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            IReadOnlyList<DateTimeOffset> times = [.. _due.GetViewBetween(Before, new DueEntry(Ticks(dueBy) - 1, AppIdAfterAll))
                .Select(e => new DateTimeOffset(e.Ticks, TimeSpan.Zero))];
            return Task.FromResult(times);
        }
    }

    public Task<DateTimeOffset?> GetSoonestExpiryAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
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

    private static long Ticks(DateTimeOffset at) => Math.Max(0, at.UtcTicks);

    private static DueEntry DueOf(AuthorizerRecord record) =>
        new(RefreshSlots.DueAt(record.AppId, record.AccessTokenExpiresAt, TokenConstants.DefaultRefreshSpread) is { } due ? Ticks(due) : 0, record.AppId);

    /// <summary>Replaces the record, its index entries and the counts (under the lock).</summary>
    private void Store(AuthorizerRecord record)
    {
        if (_records.TryGetValue(record.AppId, out var previous))
        {
            _counts[previous.State]--;
            if (previous.State == AuthorizerState.Active)
            {
                _due.Remove(DueOf(previous));
                if (previous.AccessTokenExpiresAt is { } expired)
                {
                    _expiry.Remove((expired, previous.AppId));
                }
            }
        }
        else
        {
            _sorted = null;
        }

        _records[record.AppId] = record;
        _counts[record.State] = _counts.GetValueOrDefault(record.State) + 1;
        if (record.State == AuthorizerState.Active)
        {
            _due.Add(DueOf(record));
            if (record.AccessTokenExpiresAt is { } expiresAt)
            {
                _expiry.Add((expiresAt, record.AppId));
            }
        }
    }

    private string NextETag() => Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);

    /// <summary>An entry of the due index, ordered by due time (ticks; 0 for no known expiry), then appid.</summary>
    private readonly record struct DueEntry(long Ticks, string AppId) : IComparable<DueEntry>
    {
        public static DueEntry Parse(string continuation)
        {
            var bar = continuation.IndexOf('|', StringComparison.Ordinal);
            return new(long.Parse(continuation.AsSpan(0, bar), CultureInfo.InvariantCulture), continuation[(bar + 1)..]);
        }

        public int CompareTo(DueEntry other) =>
            Ticks != other.Ticks ? Ticks.CompareTo(other.Ticks) : string.CompareOrdinal(AppId, other.AppId);

        public override string ToString() => Ticks.ToString(CultureInfo.InvariantCulture) + "|" + AppId;
    }
}
