using System.Collections.Concurrent;
using System.Globalization;
using System.Runtime.CompilerServices;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Profiles.Rollouts;

namespace WeChatDomains.Azure.Profiles;

/// <summary>
/// <see cref="IRolloutStore"/> on one table (<c>{prefix}rollouts</c>): partition = rollout id, row <c>header</c>; the
/// items in <see cref="ItemShards"/> partitions <c>{rolloutId}|{index % shards:D2}</c>, rows <c>item|{index}</c>, each a
/// JSON document updated by ETag, so a rollout's item writes (two per changed authorizer) spread over as many partitions
/// (one partition took 14 % of the fleet run's writes). A header written before that (no <c>ItemShards</c> property)
/// keeps its items in its own partition, and they are read and written there. Partition <c>index</c> holds one pointer
/// per rollout with its state, so the Running ones and the list are single-partition queries.
/// </summary>
public sealed class TableRolloutStore : IRolloutStore
{
    /// <summary>The table's name without the prefix.</summary>
    public const string RolloutTableName = "rollouts";

    private const string HeaderRow = "header";
    private const string ItemPrefix = "item|";
    private const string IndexPartition = "index";
    private const string StateProperty = "State";
    private const string ShardsProperty = "ItemShards";
    private const int BatchSize = 100;
    private readonly JsonDocumentTable _rows;
    private readonly ConcurrentDictionary<string, int> _shards = new(StringComparer.Ordinal);

    /// <summary>Partitions a new rollout's items spread over.</summary>
    public const int ItemShards = 16;

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
        foreach (var shard in items.GroupBy(i => ItemPartition(rolloutId, i.Index, ItemShards)))
        {
            foreach (var chunk in shard.Chunk(BatchSize))
            {
                var actions = chunk.Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(shard.Key, ItemKey(i.Index), i)));
                await Table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task CreateAsync(RolloutRecord rollout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        await Table.AddEntityAsync(HeaderEntity(rollout, ItemShards), cancellationToken).ConfigureAwait(false);
        Remember(rollout.RolloutId, ItemShards);
        await IndexAsync(rollout, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<RolloutRecord?> GetAsync(string rolloutId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = await Table.GetOrNullAsync(rolloutId, HeaderRow, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return null;
        }

        Remember(rolloutId, entity.GetInt32(ShardsProperty) ?? 0);
        return FromEntity<RolloutRecord>(entity) with { ETag = entity.ETag.ToString() };
    }

    /// <inheritdoc />
    public async Task<RolloutRecord?> TryUpdateAsync(RolloutRecord rollout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var shards = await ShardsAsync(rollout.RolloutId, cancellationToken).ConfigureAwait(false);
        var etag = await TryReplaceAsync(HeaderEntity(rollout, shards), rollout.ETag, cancellationToken).ConfigureAwait(false);
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
        var shards = await ShardsAsync(rolloutId, cancellationToken).ConfigureAwait(false);
        var partitions = shards == 0 ? [rolloutId] : Enumerable.Range(0, shards).Select(s => ItemPartition(rolloutId, s, shards));
        foreach (var partition in partitions)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {ItemPrefix} and RowKey lt {"item}"}");
            await foreach (var entity in Table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                yield return FromEntity<RolloutItem>(entity) with { ETag = entity.ETag.ToString() };
            }
        }
    }

    /// <inheritdoc />
    public async Task<RolloutItem?> TryUpdateItemAsync(string rolloutId, RolloutItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        var shards = await ShardsAsync(rolloutId, cancellationToken).ConfigureAwait(false);
        var partition = shards == 0 ? rolloutId : ItemPartition(rolloutId, item.Index, shards);
        var etag = await TryReplaceAsync(ToEntity(partition, ItemKey(item.Index), item), item.ETag, cancellationToken).ConfigureAwait(false);
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

    /// <summary>The partitions the rollout's items are spread over (0: its own partition, a rollout stored before the spread).</summary>
    private async ValueTask<int> ShardsAsync(string rolloutId, CancellationToken cancellationToken)
    {
        if (_shards.TryGetValue(rolloutId, out var shards))
        {
            return shards;
        }

        await GetAsync(rolloutId, cancellationToken).ConfigureAwait(false);
        return _shards.TryGetValue(rolloutId, out shards) ? shards : ItemShards;
    }

    private void Remember(string rolloutId, int shards)
    {
        if (_shards.Count >= 10_000)
        {
            _shards.Clear();
        }

        _shards[rolloutId] = shards;
    }

    private static TableEntity HeaderEntity(RolloutRecord rollout, int shards)
    {
        var entity = ToEntity(rollout.RolloutId, HeaderRow, rollout);
        if (shards > 0)
        {
            entity[ShardsProperty] = shards;
        }

        return entity;
    }

    private static string ItemPartition(string rolloutId, int index, int shards) =>
        rolloutId + "|" + (index % shards).ToString("D2", CultureInfo.InvariantCulture);

    private static string ItemKey(int index) => ItemPrefix + index.ToString("D7", CultureInfo.InvariantCulture);
}
