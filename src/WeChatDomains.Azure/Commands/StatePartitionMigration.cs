using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;

namespace WeChatDomains.Azure.Commands;

/// <summary>
/// Moves the Failed and Deferred pointer rows stored before <see cref="CommandIndexKeys.StateShards"/>, in one partition
/// per state (<c>state|Failed</c>, <c>state|Deferred</c>), to their shard's partition, once per table
/// (<see cref="PartitionMigration"/>: insert under the shard, delete the old row by ETag, marker last).
/// <para>
/// Moving them once is simpler than reading the old partitions on every query: readers see one layout, a row is still
/// valid only while its record yields it (no record yields a key of the old partitions), and no query pays a ninth
/// partition for rows no writer would ever delete (a writer removes only the keys the record's version before yields).
/// </para>
/// </summary>
internal static class StatePartitionMigration
{
    /// <summary>RowKey of the marker row (in <see cref="LayoutMarker.Partition"/>).</summary>
    public const string MarkerRowKey = "state-partitions-sharded";

    /// <summary>Moves the rows of the old state partitions of <paramref name="table"/>; returns how many moved.</summary>
    public static Task<int> RunAsync(TableClient table, CancellationToken cancellationToken) =>
        PartitionMigration.RunAsync(
            table,
            MarkerRowKey,
            CommandIndexKeys.IndexedStates.Select(state => (
                TableClient.CreateQueryFilter($"PartitionKey eq {CommandIndexKeys.LegacyStatePartition(state)}"),
                (Func<TableEntity, string>)(row => CommandIndexKeys.StatePartition(state, CommandIndexKeys.Shard(row.GetString(CommandIndexKeys.CommandIdProperty)))))),
            cancellationToken);
}
