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
/// per rollout with its state, so the Running ones and the list are single-partition queries. Items also keep their
/// <c>State</c> and <c>ErrorCode</c> as columns beside the document (a header with <c>ItemStates</c> says so), so a
/// step's read asks the table for whole rows only where it can act and for those two columns elsewhere.
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
    private const string ItemStatesProperty = "ItemStates";
    private const string ErrorCodeProperty = "ErrorCode";
    private const int BatchSize = 100;

    /// <summary>Item keys hold seven digits: an index past this has no key below <see cref="ItemsEnd"/> to bound it.</summary>
    private const int MaxItemIndex = 9_999_999;

    /// <summary>Above every item key.</summary>
    private const string ItemsEnd = "item}";
    private readonly JsonDocumentTable _rows;
    private readonly ConcurrentDictionary<string, ItemLayout> _layouts = new(StringComparer.Ordinal);

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
                var actions = chunk.Select(i => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ItemEntity(shard.Key, i)));
                await Table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <inheritdoc />
    public async Task CreateAsync(RolloutRecord rollout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var layout = new ItemLayout(ItemShards, States: true);
        await Table.AddEntityAsync(HeaderEntity(rollout, layout), cancellationToken).ConfigureAwait(false);
        Remember(rollout.RolloutId, layout);
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

        Remember(rolloutId, new ItemLayout(entity.GetInt32(ShardsProperty) ?? 0, entity.GetBoolean(ItemStatesProperty) ?? false));
        return FromEntity<RolloutRecord>(entity) with { ETag = entity.ETag.ToString() };
    }

    /// <inheritdoc />
    public async Task<RolloutRecord?> TryUpdateAsync(RolloutRecord rollout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(rollout);
        var layout = await LayoutAsync(rollout.RolloutId, cancellationToken).ConfigureAwait(false);
        var etag = await TryReplaceAsync(HeaderEntity(rollout, layout), rollout.ETag, cancellationToken).ConfigureAwait(false);
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
        var layout = await LayoutAsync(rolloutId, cancellationToken).ConfigureAwait(false);
        foreach (var partition in layout.Partitions(rolloutId))
        {
            await foreach (var item in QueryItemsAsync(partition, null, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }

    /// <inheritdoc />
    public async IAsyncEnumerable<RolloutItem> ReadStepItemsAsync(string rolloutId, int workBefore, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var layout = await LayoutAsync(rolloutId, cancellationToken).ConfigureAwait(false);
        if (!layout.States)
        {
            await foreach (var item in ReadItemsAsync(rolloutId, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }

            yield break;
        }

        // The two filters split the items exactly (every item has one of the six states): whole rows where the step can
        // act, two columns elsewhere. A partition's summaries are read first: the step moves the whole items it is given
        // (Running to Succeeded, say) into the summaries' filter, and a summary read after that would count them twice.
        // The summaries' items are ones no step changes (ended, or Pending past the wave).
        var pendingBound = workBefore > MaxItemIndex ? ItemsEnd : ItemKey(Math.Max(workBefore, 0));
        var running = nameof(RolloutItemState.Running);
        var deferred = nameof(RolloutItemState.Deferred);
        var pending = nameof(RolloutItemState.Pending);
        var work = TableClient.CreateQueryFilter(
            $"(State eq {running} or State eq {deferred} or (State eq {pending} and RowKey lt {pendingBound}))");
        var rest = TableClient.CreateQueryFilter(
            $"(State eq {nameof(RolloutItemState.Succeeded)} or State eq {nameof(RolloutItemState.Failed)} or State eq {nameof(RolloutItemState.Unchanged)} or (State eq {pending} and RowKey ge {pendingBound}))");
        foreach (var partition in layout.Partitions(rolloutId))
        {
            var summaries = Table.QueryAsync<TableEntity>(ItemsOf(partition) + " and " + rest, select: ["RowKey", StateProperty, ErrorCodeProperty], cancellationToken: cancellationToken);
            await foreach (var entity in summaries.ConfigureAwait(false))
            {
                yield return Summary(entity);
            }

            await foreach (var item in QueryItemsAsync(partition, work, cancellationToken).ConfigureAwait(false))
            {
                yield return item;
            }
        }
    }

    /// <inheritdoc />
    public async Task<RolloutItem?> TryUpdateItemAsync(string rolloutId, RolloutItem item, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(item);
        if (item.AppId.Length == 0)
        {
            throw new ArgumentException($"Item {item.Index} of {rolloutId} is a summary read for a step's tally; it is never written back.", nameof(item));
        }

        var layout = await LayoutAsync(rolloutId, cancellationToken).ConfigureAwait(false);
        var partition = layout.Shards == 0 ? rolloutId : ItemPartition(rolloutId, item.Index, layout.Shards);
        var etag = await TryReplaceAsync(ItemEntity(partition, item), item.ETag, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Where the rollout's items are and what they hold, as its header says (read once per process).</summary>
    private async ValueTask<ItemLayout> LayoutAsync(string rolloutId, CancellationToken cancellationToken)
    {
        if (_layouts.TryGetValue(rolloutId, out var layout))
        {
            return layout;
        }

        await GetAsync(rolloutId, cancellationToken).ConfigureAwait(false);
        return _layouts.TryGetValue(rolloutId, out layout) ? layout : new ItemLayout(ItemShards, States: true);
    }

    private void Remember(string rolloutId, ItemLayout layout)
    {
        if (_layouts.Count >= 10_000)
        {
            _layouts.Clear();
        }

        _layouts[rolloutId] = layout;
    }

    private async IAsyncEnumerable<RolloutItem> QueryItemsAsync(string partition, string? filter, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var query = filter is null ? ItemsOf(partition) : ItemsOf(partition) + " and " + filter;
        await foreach (var entity in Table.QueryAsync<TableEntity>(query, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            yield return FromEntity<RolloutItem>(entity) with { ETag = entity.ETag.ToString() };
        }
    }

    private static string ItemsOf(string partition) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {ItemPrefix} and RowKey lt {ItemsEnd}");

    /// <summary>An item as a step's tally needs it: Index, State and ErrorCode.</summary>
    private static RolloutItem Summary(TableEntity entity)
    {
        var index = int.Parse(entity.RowKey.AsSpan(ItemPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture);
        var state = Enum.Parse<RolloutItemState>(entity.GetString(StateProperty) ?? throw new InvalidOperationException($"Item {entity.PartitionKey}/{entity.RowKey} has no State column."));
        return new RolloutItem(index, string.Empty, state, [], 0, [], entity.GetInt32(ErrorCodeProperty), null, entity.ETag.ToString());
    }

    private static TableEntity ItemEntity(string partition, RolloutItem item)
    {
        var entity = ToEntity(partition, ItemKey(item.Index), item);
        entity[StateProperty] = item.State.ToString();
        if (item.ErrorCode is { } code)
        {
            entity[ErrorCodeProperty] = code;
        }

        return entity;
    }

    private static TableEntity HeaderEntity(RolloutRecord rollout, ItemLayout layout)
    {
        var entity = ToEntity(rollout.RolloutId, HeaderRow, rollout);
        if (layout.Shards > 0)
        {
            entity[ShardsProperty] = layout.Shards;
        }

        if (layout.States)
        {
            entity[ItemStatesProperty] = true;
        }

        return entity;
    }

    /// <summary>
    /// A rollout's item layout: how many partitions its items spread over (0: its own partition, stored before the
    /// spread), and whether they keep State and ErrorCode columns (false: stored before, read whole).
    /// </summary>
    private readonly record struct ItemLayout(int Shards, bool States)
    {
        public IEnumerable<string> Partitions(string rolloutId)
        {
            var shards = Shards;
            return shards == 0 ? [rolloutId] : Enumerable.Range(0, shards).Select(s => ItemPartition(rolloutId, s, shards));
        }
    }

    private static string ItemPartition(string rolloutId, int index, int shards) =>
        rolloutId + "|" + (index % shards).ToString("D2", CultureInfo.InvariantCulture);

    private static string ItemKey(int index) => ItemPrefix + index.ToString("D7", CultureInfo.InvariantCulture);
}
