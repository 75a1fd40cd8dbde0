using Azure;
using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;

namespace WeChatDomains.Azure.Commands;

/// <summary>
/// Moves the Failed and Deferred pointer rows stored before <see cref="CommandIndexKeys.StateShards"/>, in one partition
/// per state (<c>state|Failed</c>, <c>state|Deferred</c>), to their shard's partition, once per table: a marker row says
/// the table is done, so later starts cost one point read. Run by <see cref="TableStorageTables.EnsureCreatedAsync"/>
/// before any adapter touches the table.
/// <para>
/// Moving them once is simpler than reading the old partitions on every query: readers see one layout, a row is still
/// valid only while its record yields it (no record yields a key of the old partitions), and no query pays a ninth
/// partition for rows no writer would ever delete (a writer removes only the keys the record's version before yields).
/// </para>
/// <para>
/// A row moves as it is (same RowKey and properties, stale or not: readers check it against its record as before):
/// insert under the shard (a 409 means a writer of this version put it there already, and that row stays), then delete
/// the old row by its ETag. The two are different partitions, so not one transaction: a crash in between leaves the old
/// row, which the next start moves (the marker is written last). As for <see cref="RowKeyMigration"/>, instances of the
/// version before must be stopped first: a row one of them writes after the move is not seen.
/// </para>
/// </summary>
internal static class StatePartitionMigration
{
    /// <summary>RowKey of the marker row (in <see cref="RowKeyMigration.MarkerPartition"/>).</summary>
    public const string MarkerRowKey = "state-partitions-sharded";

    private const int PageSize = 1000;

    /// <summary>Moves the rows of the old state partitions of <paramref name="table"/>; returns how many moved.</summary>
    public static async Task<int> RunAsync(TableClient table, CancellationToken cancellationToken)
    {
        if (await table.GetOrNullAsync(RowKeyMigration.MarkerPartition, MarkerRowKey, cancellationToken).ConfigureAwait(false) is not null)
        {
            return 0;
        }

        var moved = 0;
        foreach (var state in CommandIndexKeys.IndexedStates)
        {
            var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CommandIndexKeys.LegacyStatePartition(state)}");
            await foreach (var row in table.QueryAsync<TableEntity>(filter, PageSize, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                var shard = CommandIndexKeys.Shard(row.GetString(CommandIndexKeys.CommandIdProperty));
                await MoveAsync(table, row, CommandIndexKeys.StatePartition(state, shard), cancellationToken).ConfigureAwait(false);
                moved++;
            }
        }

        await table.UpsertEntityAsync(new TableEntity(RowKeyMigration.MarkerPartition, MarkerRowKey), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return moved;
    }

    private static async Task MoveAsync(TableClient table, TableEntity row, string partitionKey, CancellationToken cancellationToken)
    {
        try
        {
            await table.AddEntityAsync(RowKeyMigration.CopyOf(row, partitionKey, row.RowKey), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == TableResults.Conflict)
        {
            // Already there: written by this version's writer, or by another instance starting at the same time.
        }

        await table.DeleteIfUnchangedAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
    }
}
