using System.Globalization;
using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Azure.Authorizers;

/// <summary>
/// Moves the authorizers' by-state rows stored before <see cref="CountedStateIndex.PartitionShards"/>, in one partition
/// per state (<c>state|{state}</c>), to their shard's partition, once per table (<see cref="PartitionMigration"/>: insert
/// under the shard, delete the old row by ETag, marker last): an authorizer's row to the partition of its appid, a count
/// row <c>~count|NN</c> to the partition of count shard NN, which is the partition of the appids it counts, so the
/// count stays exact.
/// </summary>
internal static class AuthorizerStatePartitionMigration
{
    /// <summary>RowKey of the marker row (in <see cref="LayoutMarker.Partition"/>).</summary>
    public const string MarkerRowKey = "authorizer-state-partitions-sharded";

    /// <summary>Moves the rows of the old by-state partitions of <paramref name="table"/>; returns how many moved.</summary>
    public static Task<int> RunAsync(TableClient table, CancellationToken cancellationToken) =>
        PartitionMigration.RunAsync(
            table,
            MarkerRowKey,
            Enum.GetValues<AuthorizerState>().Select(state => (
                TableClient.CreateQueryFilter($"PartitionKey eq {AuthorizerEntityMapper.LegacyStatePartition(state)}"),
                (Func<TableEntity, string>)(row => PartitionOf(row, state)))),
            cancellationToken);

    private static string PartitionOf(TableEntity row, AuthorizerState state) =>
        row.RowKey.StartsWith(CountedStateIndex.CountRowKey + "|", StringComparison.Ordinal)
            ? CountedStateIndex.PartitionOfCountShard(state, int.Parse(row.RowKey.AsSpan(CountedStateIndex.CountRowKey.Length + 1), CultureInfo.InvariantCulture))
            : CountedStateIndex.PartitionOf(row.RowKey, state);
}
