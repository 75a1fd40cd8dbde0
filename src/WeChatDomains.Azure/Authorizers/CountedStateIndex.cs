using System.Globalization;
using Azure;
using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Azure.Authorizers;

/// <summary>
/// The by-state index of the <c>authorizers</c> table with an exact count per state: a row per authorizer (RK = appid)
/// and <see cref="CountShards"/> count rows (RK = <see cref="CountRowKey"/>|shard, the shard chosen by the appid, so
/// concurrent changes rarely meet on one row: a single count row starved writers under 16 concurrent onboardings, found
/// by the 1,200-authorizer test), spread over <see cref="PartitionShards"/> partitions <c>state|{state}|{shard:D2}</c>:
/// count shard <c>c</c> and the rows it counts are in partition <c>c</c> mod <see cref="PartitionShards"/>. Readers
/// query the partitions in parallel and merge by appid (<see cref="ShardedPartitions"/>). Rows stored before, in one
/// partition per state, move once at start (<see cref="AuthorizerStatePartitionMigration"/>). A row is added or
/// removed in one entity-group transaction with the count's update (conditional on the count's ETag), so the count is
/// exact whatever fails or runs at the same time, and reading it is a query per partition however large the fleet. A
/// row that is already where it should be costs one read, as before.
/// </summary>
internal sealed class CountedStateIndex(TableStorageTables tables)
{
    /// <summary>RowKey of the count row; sorts after every appid.</summary>
    public const string CountRowKey = "~count";

    /// <summary>How many count rows a state has; the count is their sum.</summary>
    public const int CountShards = 16;

    /// <summary>
    /// Partitions a state's rows spread over (a divisor of <see cref="CountShards"/>, so a count row and the rows it
    /// counts share a partition and change in one transaction). Part of the stored layout, like
    /// <see cref="TokenExpiryIndex.Shards"/>.
    /// </summary>
    public const int PartitionShards = 8;

    /// <summary>Rows per transaction of <see cref="AddManyAsync"/>, with the count row (a transaction holds at most 100).</summary>
    public const int ImportBatch = 99;

    private const string CountProperty = "Count";
    private const int MaxConflictRetries = 50;

    private TableClient Table => tables.Authorizers;

    /// <summary>
    /// Up to <paramref name="count"/> authorizer rows of <paramref name="state"/> after the appid <paramref name="after"/>
    /// (from the first when null), by appid across the partitions, and whether more are left.
    /// </summary>
    public Task<(IReadOnlyList<TableEntity> Rows, bool More)> ReadAsync(AuthorizerState state, string? after, int count, CancellationToken cancellationToken)
    {
        var rows = TableClient.CreateQueryFilter($"RowKey lt {CountRowKey}") + (after is null ? "" : " and " + TableClient.CreateQueryFilter($"RowKey gt {after}"));
        return Table.ReadMergedAsync(Filters(state, rows), count, cancellationToken);
    }

    /// <summary>How many authorizers are in <paramref name="state"/> (the count rows, a small query per partition in parallel).</summary>
    public async Task<long> CountAsync(AuthorizerState state, CancellationToken cancellationToken)
    {
        var countRows = TableClient.CreateQueryFilter($"RowKey gt {CountRowKey + "|"} and RowKey lt {CountRowKey + "}"}");
        var rows = await Table.ReadAllAsync(Filters(state, countRows), [CountProperty], cancellationToken).ConfigureAwait(false);
        return rows.Sum(row => row.GetInt64(CountProperty) ?? 0);
    }

    /// <summary>The partition of <paramref name="appId"/>'s row, and of its count row, in <paramref name="state"/>'s index.</summary>
    public static string PartitionOf(string appId, AuthorizerState state) => PartitionOfCountShard(state, CountShardOf(appId));

    /// <summary>The partition of count shard <paramref name="countShard"/> of <paramref name="state"/>.</summary>
    public static string PartitionOfCountShard(AuthorizerState state, int countShard) =>
        AuthorizerEntityMapper.StatePartition(state, countShard % PartitionShards);

    /// <summary>Puts <paramref name="appId"/> in the index of <paramref name="state"/> and takes it out of every other.</summary>
    public Task SetAsync(string appId, AuthorizerState state, CancellationToken cancellationToken) =>
        Task.WhenAll(Enum.GetValues<AuthorizerState>().Select(s => s == state
            ? AddAsync(appId, s, cancellationToken)
            : RemoveAsync(appId, s, ETag.All, cancellationToken)));

    /// <summary>
    /// Adds authorizers that are in no state's index yet to the index of <paramref name="state"/>: per count shard, up to
    /// <see cref="ImportBatch"/> rows and the shard's count change in one transaction (a bulk import: one write per
    /// hundred authorizers instead of a read, a count read and a transaction each).
    /// </summary>
    public async Task AddManyAsync(IEnumerable<string> appIds, AuthorizerState state, CancellationToken cancellationToken)
    {
        foreach (var shard in appIds.GroupBy(CountShardOf))
        {
            var partition = PartitionOfCountShard(state, shard.Key);
            foreach (var chunk in shard.Chunk(ImportBatch))
            {
                var rows = chunk.Select(appId => new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity(partition, appId))).ToList();
                await ChangeManyAsync(partition, CountRow(shard.Key), chunk.Length, rows, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Removes the row of <paramref name="appId"/> from the index of <paramref name="state"/> if it still has <paramref name="etag"/>.</summary>
    public Task RemoveAsync(string appId, AuthorizerState state, ETag etag, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(appId, state);
        return ChangeAsync(
            partition,
            CountRow(CountShardOf(appId)),
            -1,
            new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partition, appId), etag),
            async () => await Table.GetOrNullAsync(partition, appId, cancellationToken).ConfigureAwait(false) is { } row && (etag == ETag.All || row.ETag == etag),
            cancellationToken);
    }

    private Task AddAsync(string appId, AuthorizerState state, CancellationToken cancellationToken)
    {
        var partition = PartitionOf(appId, state);
        return ChangeAsync(
            partition,
            CountRow(CountShardOf(appId)),
            +1,
            new TableTransactionAction(TableTransactionActionType.Add, new TableEntity(partition, appId)),
            async () => await Table.GetOrNullAsync(partition, appId, cancellationToken).ConfigureAwait(false) is null,
            cancellationToken);
    }

    /// <summary>
    /// While <paramref name="needed"/> says the row action is still to be done, applies it with the count's change in one
    /// transaction; a failed transaction (the row or the count changed meanwhile) changed nothing, so it asks again.
    /// </summary>
    private async Task ChangeAsync(string partition, string countRowKey, int delta, TableTransactionAction row, Func<Task<bool>> needed, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            if (!await needed().ConfigureAwait(false))
            {
                return;
            }

            var countRow = await Table.GetOrNullAsync(partition, countRowKey, cancellationToken).ConfigureAwait(false);
            var count = countRow?.GetInt64(CountProperty) ?? 0;
            var next = new TableEntity(partition, countRowKey) { [CountProperty] = count + delta };
            TableTransactionAction[] actions =
            [
                row,
                countRow is null
                    ? new TableTransactionAction(TableTransactionActionType.Add, next)
                    : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, countRow.ETag),
            ];
            try
            {
                await Table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TableTransactionFailedException exception) when (exception.Status is TableResults.Conflict or TableResults.NotFound or TableResults.PreconditionFailed)
            {
                // Nothing was applied: the row or the count changed under us. Look again.
            }
        }

        throw new InvalidOperationException($"The index and count of {partition} kept changing: gave up after {MaxConflictRetries} attempts.");
    }

    private async Task ChangeManyAsync(string partition, string countRowKey, int delta, List<TableTransactionAction> rows, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var countRow = await Table.GetOrNullAsync(partition, countRowKey, cancellationToken).ConfigureAwait(false);
            var next = new TableEntity(partition, countRowKey) { [CountProperty] = (countRow?.GetInt64(CountProperty) ?? 0) + delta };
            var count = countRow is null
                ? new TableTransactionAction(TableTransactionActionType.Add, next)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, next, countRow.ETag);
            try
            {
                await Table.SubmitTransactionAsync([.. rows, count], cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TableTransactionFailedException exception) when (exception.Status is TableResults.Conflict or TableResults.PreconditionFailed)
            {
                // The count changed under us (or was added meanwhile): nothing was applied. Read it again.
            }
        }

        throw new InvalidOperationException($"The count of {partition} kept changing: gave up after {MaxConflictRetries} attempts.");
    }

    /// <summary>
    /// The count shard of <paramref name="appId"/> (a stable hash: string.GetHashCode differs per process). Kept as it was
    /// before the partitions: the count rows stored then still count the same appids.
    /// </summary>
    public static int CountShardOf(string appId)
    {
        var hash = 0;
        foreach (var c in appId)
        {
            hash = unchecked((hash * 31) + c);
        }

        return (int)((uint)hash % CountShards);
    }

    /// <summary>The RowKey of count shard <paramref name="countShard"/>.</summary>
    public static string CountRow(int countShard) => string.Create(CultureInfo.InvariantCulture, $"{CountRowKey}|{countShard:D2}");

    private static IEnumerable<string> Filters(AuthorizerState state, string rowFilter) =>
        Enumerable.Range(0, PartitionShards).Select(shard =>
            TableClient.CreateQueryFilter($"PartitionKey eq {AuthorizerEntityMapper.StatePartition(state, shard)}") + " and " + rowFilter);
}
