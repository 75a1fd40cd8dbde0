using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;

namespace WeChatDomains.Azure.Authorizers;

/// <summary>
/// Moves the token index rows stored before <see cref="TokenExpiryIndex.Shards"/>, all in partition
/// <see cref="TokenExpiryIndex.LegacyPartition"/>, to their appid's shard, once per table
/// (<see cref="PartitionMigration"/>: insert under the shard, delete the old row by ETag, marker last). The backfill
/// marker <see cref="TokenExpiryIndex.BackfilledRowKey"/> stays where it is, so a store indexed before is not indexed
/// again.
/// <para>
/// Moving them once is simpler than reading the old partition on every query: readers see one layout, a stale row is
/// removed from the partition its appid gives, and no sweep page or health call pays a ninth query for rows that only
/// get fewer.
/// </para>
/// </summary>
internal static class TokenPartitionMigration
{
    /// <summary>RowKey of the marker row (in <see cref="LayoutMarker.Partition"/>).</summary>
    public const string MarkerRowKey = "token-partitions-sharded";

    /// <summary>Moves the index rows of the old partition of <paramref name="table"/>; returns how many moved.</summary>
    public static Task<int> RunAsync(TableClient table, CancellationToken cancellationToken) =>
        PartitionMigration.RunAsync(
            table,
            MarkerRowKey,
            [(
                TableClient.CreateQueryFilter($"PartitionKey eq {TokenExpiryIndex.LegacyPartition} and RowKey ne {TokenExpiryIndex.BackfilledRowKey}"),
                row => TokenExpiryIndex.PartitionOf(row.GetString(TokenExpiryIndex.AppIdProperty)))],
            cancellationToken);
}
