using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Profiles.Rollouts;

namespace WeChatDomains.Azure.Profiles;

/// <summary>
/// <see cref="IRolloutStore"/> on one table (<c>{prefix}rollouts</c>): partition = rollout id, row <c>header</c> and rows
/// <c>item|{index}</c>, each a JSON document updated by ETag; partition <c>index</c> holds one pointer per rollout with its
/// state, so the Running ones and the list are single-partition queries.
/// </summary>
public sealed class TableRolloutStore : IRolloutStore
{
    /// <summary>The table's name without the prefix.</summary>
    public const string RolloutTableName = "rollouts";

    private const string HeaderRow = "header";
    private const string ItemPrefix = "item|";
    private const string IndexPartition = "index";
    private const string StateProperty = "State";
    private const int BatchSize = 100;
    private readonly JsonDocumentTable _rows;

    /// <summary>Creates the store on the configured account and prefix.</summary>
    public TableRolloutStore(TableServiceClient service, IOptions<TableStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _rows = new JsonDocumentTable(service, options.Value.TablePrefix + RolloutTableName);
    }

    /// <inheritdoc />
    public async Task AddItemsAsync(string rolloutId, IReadOnlyList<RolloutItem> items, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        foreach (var chunk in items.Chunk(BatchSize))
        {
            var actions = chunk.Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(rolloutId, ItemKey(i.Index), i)));
            await Table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async Task CreateAsync(RolloutRecord rollout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await Table.AddEntityAsync(ToEntity(rollout.RolloutId, HeaderRow, rollout), cancellationToken).ConfigureAwait(false);
        await IndexAsync(rollout, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<RolloutRecord?> GetAsync(string rolloutId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = await Table.GetOrNullAsync(rolloutId, HeaderRow, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : FromEntity<RolloutRecord>(entity) with { ETag = entity.ETag.ToString() };
    }

    /// <inheritdoc />
    public async Task<RolloutRecord?> TryUpdateAsync(RolloutRecord rollout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var etag = await TryReplaceAsync(ToEntity(rollout.RolloutId, HeaderRow, rollout), rollout.ETag, cancellationToken).ConfigureAwait(false);
        if (etag is null)
        {
            return null;
        }

        await IndexAsync(rollout, cancellationToken).ConfigureAwait(false);
        return rollout with { ETag = etag };
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RolloutItem> ReadItemsAsync(string rolloutId, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {rolloutId} and RowKey ge {ItemPrefix} and RowKey lt {"item}"}");
        await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity<RolloutItem>(entity) with { ETag = entity.ETag.ToString() };
        }
    }

    /// <inheritdoc />
    public async Task<RolloutItem?> TryUpdateItemAsync(string rolloutId, RolloutItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var etag = await TryReplaceAsync(ToEntity(rolloutId, ItemKey(item.Index), item), item.ETag, cancellationToken).ConfigureAwait(false);
        return etag is null ? null : item with { ETag = etag };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> ListRunningAsync(CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var running = nameof(RolloutState.Running);
        var ids = new List<string>();
        var rows = Table.QueryAsync<TableEntity>(e => e.PartitionKey == IndexPartition && e.GetString(StateProperty) == running, select: ["RowKey"], cancellationToken: cancellationToken);
        await foreach (var entity in rows.ConfigureAwait(false))
        {
            ids.Add(entity.RowKey);
        }

        return ids;
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<RolloutRecord>> ListAsync(CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var rollouts = new List<RolloutRecord>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(e => e.PartitionKey == IndexPartition, select: ["RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (await GetAsync(entity.RowKey, cancellationToken).ConfigureAwait(false) is { } rollout)
            {
                rollouts.Add(rollout);
            }
        }

        return [.. rollouts.OrderByDescending(r => r.CreatedAt)];
    }

    private async Task<string?> TryReplaceAsync(TableEntity entity, string? etag, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var response = await Table.UpdateEntityAsync(entity, etag is null ? ETag.All : new ETag(etag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return TableResults.ETagOf(response);
        }
        catch (RequestFailedException e) when (e.IsStale())
        {
            return null;
        }
    }

    private async Task IndexAsync(RolloutRecord rollout, CancellationToken cancellationToken) =>
        await Table.UpsertEntityAsync(new TableEntity(IndexPartition, rollout.RolloutId) { [StateProperty] = rollout.State.ToString() }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    private TableClient Table => _rows.Client;

    private Task EnsureCreatedAsync(CancellationToken cancellationToken) => _rows.EnsureCreatedAsync(cancellationToken);

    private static TableEntity ToEntity<T>(string partition, string row, T value) => JsonDocumentTable.ToEntity(partition, row, value);

    private static T FromEntity<T>(TableEntity entity) => JsonDocumentTable.FromEntity<T>(entity);

    private static string ItemKey(int index) => ItemPrefix + index.ToString("D7", CultureInfo.InvariantCulture);
}
