using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using AuthorizerPage = WeChatDomains.Core.Ports.Page<WeChatDomains.Core.Status.AuthorizerRecord>;

namespace WeChatDomains.Azure.Authorizers;

/// <summary>
/// <see cref="IAuthorizerRegistry"/> on Table Storage (one table, keys in <see cref="AuthorizerEntityMapper"/>).
/// <see cref="TryUpsertAsync"/> writes the record first, then the by-state index row (and removes the rows of the other
/// states); <see cref="ListAsync"/> checks each index row against its record and removes rows that no longer match.
/// </summary>
public sealed class TableAuthorizerRegistry(TableStorageTables tables, ILogger<TableAuthorizerRegistry> logger) : IAuthorizerRegistry
{
    private readonly CountedStateIndex _index = new(tables);

    private TableClient Table => tables.Authorizers;

    /// <inheritdoc />
    public async Task<AuthorizerRecord?> GetAsync(string appId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = await Table.GetOrNullAsync(appId, AuthorizerEntityMapper.RecordRowKey, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : AuthorizerEntityMapper.ToRecord(entity);
    }

    /// <inheritdoc />
    public async Task<AuthorizerRecord?> TryUpsertAsync(AuthorizerRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        ArgumentException.ThrowIfNullOrEmpty(record.AppId);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
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
            return null;
        }

        await IndexAsync(record, cancellationToken).ConfigureAwait(false);
        return record with { ETag = TableResults.ETagOf(response) };
    }

    /// <inheritdoc />
    public async Task<bool> TryMergeDomainsAsync(string appId, string? serverDomains, string? webviewDomains, DateTimeOffset observedAt, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await Table.UpdateEntityAsync(AuthorizerEntityMapper.DomainsPatch(appId, serverDomains, webviewDomains, observedAt), ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == TableResults.NotFound)
        {
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<AuthorizerPage> ListAsync(AuthorizerState state, int pageSize, string? continuation, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = CountedStateIndex.RowsFilter(state);
        var pages = Table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken)
            .AsPages(ContinuationToken.Decode(continuation), pageSize);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            var records = await Task.WhenAll(page.Values.Select(row => GetAsync(row.RowKey, cancellationToken))).ConfigureAwait(false);
            var items = new List<AuthorizerRecord>(records.Length);
            for (var i = 0; i < records.Length; i++)
            {
                if (records[i]?.State == state)
                {
                    items.Add(records[i]!);
                }
                else
                {
                    var row = page.Values[i];
                    await _index.RemoveAsync(row.RowKey, state, row.ETag, cancellationToken).ConfigureAwait(false);
                    TableStorageLog.StalePointerRemoved(logger, Table.Name, row.PartitionKey, row.RowKey);
                }
            }

            return new AuthorizerPage(items, ContinuationToken.Encode(page.ContinuationToken));
        }

        return new AuthorizerPage([], null);
    }

    /// <inheritdoc />
    public async Task<QuotaLedger> GetLedgerAsync(string appId, string month, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(appId);
        ThrowIfNotMonth(month);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = await Table.GetOrNullAsync(appId, AuthorizerEntityMapper.LedgerRowKey(month), cancellationToken).ConfigureAwait(false);
        return entity is null ? new QuotaLedger { AppId = appId, Month = month } : AuthorizerEntityMapper.ToLedger(entity);
    }

    /// <inheritdoc />
    public async Task<QuotaLedger?> TryWriteLedgerAsync(QuotaLedger ledger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ledger);
        ArgumentException.ThrowIfNullOrEmpty(ledger.AppId);
        ThrowIfNotMonth(ledger.Month);
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = AuthorizerEntityMapper.ToEntity(ledger);
        try
        {
            var response = ledger.ETag is null
                ? await Table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false)
                : await Table.UpdateEntityAsync(entity, new ETag(ledger.ETag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return ledger with { ETag = TableResults.ETagOf(response) };
        }
        catch (RequestFailedException exception) when (exception.Status == TableResults.Conflict || exception.IsStale())
        {
            return null;
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

    private static void ThrowIfNotMonth(string month)
    {
        ArgumentException.ThrowIfNullOrEmpty(month);
        if (!AuthorizerEntityMapper.IsMonth(month))
        {
            throw new ArgumentException("The month must be yyyy-MM.", nameof(month));
        }
    }
}
