using System.Collections.Concurrent;
using System.Globalization;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Bench.Scenarios.Sweep;

/// <summary>The authorizer registry in memory, with ETags, paged by appid (what the sweep reads).</summary>
internal sealed class MemoryRegistry : IAuthorizerRegistry
{
    private readonly ConcurrentDictionary<string, AuthorizerRecord> _records = new(StringComparer.Ordinal);
    private long _version;
    private string[] _sorted = [];

    public IEnumerable<AuthorizerRecord> All => _records.Values;

    public void Put(AuthorizerRecord record)
    {
        _records[record.AppId] = record with { ETag = NextETag() };
        _sorted = [.. _records.Keys.Order(StringComparer.Ordinal)];
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
            _records[record.AppId] = stored;
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

        return Task.FromResult(new Page<AuthorizerRecord>(items, i < sorted.Length && items.Count > 0 ? items[^1].AppId : null));
    }

    public Task<QuotaLedger> GetLedgerAsync(string appId, string month, CancellationToken cancellationToken = default) =>
        Task.FromResult(new QuotaLedger { AppId = appId, Month = month });

    public Task<QuotaLedger?> TryWriteLedgerAsync(QuotaLedger ledger, CancellationToken cancellationToken = default) =>
        Task.FromResult<QuotaLedger?>(ledger);

    private string NextETag() => Interlocked.Increment(ref _version).ToString(CultureInfo.InvariantCulture);
}
