using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.Core.Tokens;
using AuthorizerPage = WeChatDomains.Core.Ports.Page<WeChatDomains.Core.Status.AuthorizerRecord>;

namespace WeChatDomains.Azure.Authorizers;

/// <summary>
/// <see cref="IAuthorizerRegistry"/> on Table Storage (one table, keys in <see cref="AuthorizerEntityMapper"/>).
/// <see cref="TryUpsertAsync"/> writes the record first, then the by-state index row (and removes the rows of the other
/// states); <see cref="ListAsync"/> checks each index row against its record and removes rows that no longer match.
/// Active records are also in the <see cref="TokenExpiryIndex"/> (by refresh due time, with the slot offsets of
/// <paramref name="tokenOptions"/>' spread, and by expiry; its rows spread over <see cref="TokenExpiryIndex.Shards"/>
/// partitions, each queried by every read): <see cref="TryUpsertAsync"/> reads the stored record first
/// (one point read), adds the new rows before writing the record (so a crash cannot leave it without them), writes them
/// again after (so a concurrent stale-row removal cannot either) and removes the previous pair;
/// <see cref="ListDueAsync"/> and <see cref="GetSoonestExpiryAsync"/> check each row against its record the same way.
/// Records stored before that index existed are indexed once, by the first query of a process that finds no
/// <see cref="TokenExpiryIndex.BackfilledRowKey"/> marker (one scan of the Active index).
/// </summary>
public sealed class TableAuthorizerRegistry(
    TableStorageTables tables, ILogger<TableAuthorizerRegistry> logger, IOptions<TokenOptions>? tokenOptions = null) : IAuthorizerRegistry
{
    /// <summary>How many stale rows <see cref="GetSoonestExpiryAsync"/> removes before it answers with the last one's expiry.</summary>
    private const int MaxStaleSoonestRows = 4;

    /// <summary>Records <see cref="ImportAsync"/> inserts at once.</summary>
    private const int ImportConcurrency = 16;

    private readonly CountedStateIndex _index = new(tables);
    private readonly TokenExpiryIndex _tokens = new(tables);
    private readonly TimeSpan _spread = tokenOptions?.Value.RefreshSpread ?? TokenConstants.DefaultRefreshSpread;
    private volatile bool _backfilled;

    private TableClient Table => tables.Authorizers;

    /// <inheritdoc />
    public async Task<AuthorizerRecord?> GetAsync(string appId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = await Table.GetOrNullAsync(appId, AuthorizerEntityMapper.RecordRowKey(appId), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : AuthorizerEntityMapper.ToRecord(entity);
    }

    /// <inheritdoc />
    public async Task<AuthorizerRecord?> TryUpsertAsync(AuthorizerRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.AppId);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var previous = await GetAsync(record.AppId, cancellationToken).ConfigureAwait(false);
        if (record.ETag is not null && previous?.ETag != record.ETag)
        {
            return null;
        }

        if (record.State == AuthorizerState.Active)
        {
            await _tokens.AddAsync(record.AppId, record.AccessTokenExpiresAt, DueAt(record), cancellationToken).ConfigureAwait(false);
        }

        var entity = AuthorizerEntityMapper.ToEntity(record);
        Response response;
        try
        {
            response = record.ETag is null
                ? await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
                : await Table.UpdateEntityAsync(entity, new ETag(record.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.IsStale())
        {
            return null; // Rows added above for this record are stale now: the queries find and remove them.
        }

        if (record.State == AuthorizerState.Active)
        {
            // Written again (a new ETag): a query that read the first rows against the previous record and removes them
            // as stale, guarded by their ETag, either ran before this and is undone, or fails.
            await _tokens.AddAsync(record.AppId, record.AccessTokenExpiresAt, DueAt(record), cancellationToken).ConfigureAwait(false);
        }

        if (previous?.State == AuthorizerState.Active && (record.State != AuthorizerState.Active || KeysOf(previous) != KeysOf(record)))
        {
            await _tokens.RemoveAsync(previous.AppId, previous.AccessTokenExpiresAt, DueAt(previous), null, ETag.All, cancellationToken).ConfigureAwait(false);
        }

        await IndexAsync(record, cancellationToken).ConfigureAwait(false);
        return record with { ETag = TableResults.ETagOf(response) };
    }

    /// <summary>
    /// Stores many new authorizers at once (a bulk onboarding or a migration from another system): each record the
    /// registry does not hold yet is inserted (one write each, <see cref="ImportConcurrency"/> at a time); Active ones get
    /// their token index rows first, as <see cref="TryUpsertAsync"/> does, fifty authorizers per transaction; and the
    /// inserted ones their by-state rows and count, ninety-nine per transaction. A record already stored is left as it is
    /// (its token rows written here are found stale and removed when read). Returns how many were inserted.
    /// </summary>
    public async Task<int> ImportAsync(IReadOnlyList<AuthorizerRecord> records, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(records);
        await EnsureTokensIndexedAsync(cancellationToken).ConfigureAwait(false);
        await _tokens.AddManyAsync(
            records.Where(r => r.State == AuthorizerState.Active).Select(r => (r.AppId, r.AccessTokenExpiresAt, DueAt(r))),
            cancellationToken).ConfigureAwait(false);
        var inserted = new System.Collections.Concurrent.ConcurrentBag<AuthorizerRecord>();
        await Parallel.ForEachAsync(records, new ParallelOptions { MaxDegreeOfParallelism = ImportConcurrency, CancellationToken = cancellationToken }, async (record, ct) =>
        {
            try
            {
                await Table.AddEntityAsync(AuthorizerEntityMapper.ToEntity(record), ct).ConfigureAwait(false);
                inserted.Add(record);
            }
            catch (RequestFailedException exception) when (exception.Status == TableResults.Conflict)
            {
                // Already stored: left as it is.
            }
        }).ConfigureAwait(false);
        foreach (var state in inserted.GroupBy(r => r.State))
        {
            await _index.AddManyAsync(state.Select(r => r.AppId).Order(StringComparer.Ordinal), state.Key, cancellationToken).ConfigureAwait(false);
        }

        return inserted.Count;
    }

    /// <inheritdoc />
    public async Task<bool> TryMergeDomainsAsync(string appId, DomainsPatch patch, DateTimeOffset observedAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        ArgumentNullException.ThrowIfNull(patch);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Table.UpdateEntityAsync(AuthorizerEntityMapper.DomainsPatch(appId, patch, observedAt), ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == TableResults.NotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// Every authorizer in <paramref name="state"/>, by appid, paged over the by-state index's partitions; the
    /// continuation is the last appid of the page (opaque to callers), null when none is left.
    /// </summary>
    public async Task<AuthorizerPage> ListAsync(AuthorizerState state, int pageSize, string? continuation, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var (rows, more) = await _index.ReadAsync(state, ContinuationToken.Decode(continuation), pageSize, cancellationToken).ConfigureAwait(false);
        var records = await Task.WhenAll(rows.Select(row => GetAsync(row.RowKey, cancellationToken))).ConfigureAwait(false);
        var items = new List<AuthorizerRecord>(records.Length);
        for (var i = 0; i < records.Length; i++)
        {
            if (records[i]?.State == state)
            {
                items.Add(records[i]!);
            }
            else
            {
                await _index.RemoveAsync(rows[i].RowKey, state, rows[i].ETag, cancellationToken).ConfigureAwait(false);
                TableStorageLog.StalePointerRemoved(logger, Table.Name, rows[i].PartitionKey, rows[i].RowKey);
            }
        }

        return new AuthorizerPage(items, more ? ContinuationToken.Encode(rows[^1].RowKey) : null);
    }

    /// <inheritdoc />
    public async Task<AuthorizerPage> ListDueAsync(DateTimeOffset dueBy, int pageSize, string? continuation, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        await EnsureTokensIndexedAsync(cancellationToken).ConfigureAwait(false);
        var (rows, next) = await _tokens.DueAsync(dueBy, pageSize, continuation, cancellationToken).ConfigureAwait(false);
        var records = await Task.WhenAll(rows.Select(row => CurrentAsync(row, r => KeysOf(r).Due, cancellationToken))).ConfigureAwait(false);
        // An authorizer can have two due rows for one expiry a while (one under other slot offsets): listed once.
        return new AuthorizerPage([.. records.OfType<AuthorizerRecord>().DistinctBy(r => r.AppId)], next);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<DateTimeOffset>> ListDueTimesAsync(DateTimeOffset dueBy, CancellationToken cancellationToken = default)
    {
        await EnsureTokensIndexedAsync(cancellationToken).ConfigureAwait(false);
        return await _tokens.DueTimesAsync(dueBy, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<DateTimeOffset?> GetSoonestExpiryAsync(CancellationToken cancellationToken = default)
    {
        await EnsureTokensIndexedAsync(cancellationToken).ConfigureAwait(false);
        TokenExpiryIndex.Row? row = null;
        for (var attempt = 0; attempt < MaxStaleSoonestRows; attempt++)
        {
            var rows = await _tokens.SoonestAsync(1, cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                return null;
            }

            row = rows[0];
            if (await CurrentAsync(row, r => KeysOf(r).Expiry, cancellationToken).ConfigureAwait(false) is not null)
            {
                return row.ExpiresAt;
            }
        }

        // Still stale rows first (each one seen is removed): the last one's expiry is no later than it was.
        return row?.ExpiresAt;
    }

    /// <inheritdoc />
    public async Task<QuotaLedger> GetLedgerAsync(string appId, string month, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        ThrowIfNotMonth(month);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = await Table.GetOrNullAsync(appId, AuthorizerEntityMapper.LedgerRowKey(appId, month), cancellationToken).ConfigureAwait(false);
        return entity is null ? new QuotaLedger { AppId = appId, Month = month } : AuthorizerEntityMapper.ToLedger(entity);
    }

    /// <inheritdoc />
    public async Task<QuotaLedger?> TryWriteLedgerAsync(QuotaLedger ledger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentException.ThrowIfNullOrEmpty(ledger.AppId);
        ThrowIfNotMonth(ledger.Month);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        // Each write carries an id of its own: two writers may count the same total, and only this write may take the
        // SDK's retry of itself (storage applied it, its answer was lost) for done; counting again would count it twice.
        var entity = AuthorizerEntityMapper.ToEntity(ledger);
        entity[AuthorizerEntityMapper.WriteIdProperty] = Guid.NewGuid().ToString("N");
        try
        {
            var response = ledger.ETag is null
                ? await Table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                : await Table.UpdateEntityAsync(entity, new ETag(ledger.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return ledger with { ETag = TableResults.ETagOf(response) };
        }
        catch (RequestFailedException exception) when (exception.Status == TableResults.Conflict || exception.IsStale())
        {
            return await Table.ETagIfWrittenAsync(entity, cancellationToken).ConfigureAwait(false) is { } etag ? ledger with { ETag = etag } : null;
        }
    }

    /// <inheritdoc />
    public async Task<long> CountAsync(AuthorizerState state, CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        return await _index.CountAsync(state, cancellationToken).ConfigureAwait(false);
    }

    private Task IndexAsync(AuthorizerRecord record, CancellationToken cancellationToken) =>
        _index.SetAsync(record.AppId, record.State, cancellationToken);

    private DateTimeOffset? DueAt(AuthorizerRecord record) => RefreshSlots.DueAt(record.AppId, record.AccessTokenExpiresAt, _spread);

    private (string Due, string? Expiry) KeysOf(AuthorizerRecord record) =>
        TokenExpiryIndex.KeysOf(record.AppId, record.AccessTokenExpiresAt, DueAt(record));

    /// <summary>
    /// The record of a token index row if the row is its current one; otherwise removes the stale pair and returns null.
    /// A due row written for the same expiry under other slot offsets (the spread or the slot hash changed since) is the
    /// record's still: it is moved to its current key and the record returned.
    /// </summary>
    private async Task<AuthorizerRecord?> CurrentAsync(TokenExpiryIndex.Row row, Func<AuthorizerRecord, string?> keyOf, CancellationToken cancellationToken)
    {
        var record = await GetAsync(row.AppId, cancellationToken).ConfigureAwait(false);
        if (record?.State == AuthorizerState.Active && keyOf(record) == row.RowKey)
        {
            return record;
        }

        if (record?.State == AuthorizerState.Active && record.AccessTokenExpiresAt is { } expiresAt && expiresAt == row.ExpiresAt
            && row.RowKey == TokenExpiryIndex.KeysOf(row.AppId, row.ExpiresAt, row.DueAt).Due)
        {
            await _tokens.AddAsync(record.AppId, expiresAt, DueAt(record), cancellationToken).ConfigureAwait(false);
            await _tokens.RemoveRowAsync(row, cancellationToken).ConfigureAwait(false);
            return record;
        }

        await _tokens.RemoveAsync(row.AppId, row.ExpiresAt, row.DueAt, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
        TableStorageLog.StalePointerRemoved(logger, Table.Name, row.PartitionKey, row.RowKey);
        return null;
    }

    /// <summary>
    /// Indexes, once, the Active records stored before the token index existed (then writes the marker); a record
    /// changed meanwhile indexes itself, and a row written here for an older version of it is found stale later.
    /// </summary>
    private async Task EnsureTokensIndexedAsync(CancellationToken cancellationToken)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        if (_backfilled || (_backfilled = await _tokens.IsBackfilledAsync(cancellationToken).ConfigureAwait(false)))
        {
            return;
        }

        string? continuation = null;
        do
        {
            var page = await ListAsync(AuthorizerState.Active, TokenExpiryIndex.BackfillPageSize, continuation, cancellationToken).ConfigureAwait(false);
            await Task.WhenAll(page.Items.Select(r => _tokens.AddAsync(r.AppId, r.AccessTokenExpiresAt, DueAt(r), cancellationToken))).ConfigureAwait(false);
            continuation = page.Continuation;
        }
        while (continuation is not null);

        await _tokens.MarkBackfilledAsync(cancellationToken).ConfigureAwait(false);
        _backfilled = true;
    }

    private static void ThrowIfNotMonth(string month)
    {
        ArgumentException.ThrowIfNullOrEmpty(month);
        if (!AuthorizerEntityMapper.IsMonth(month))
        {
            throw new ArgumentException("The month must be yyyy-MM.", nameof(month));
        }
    }
}
