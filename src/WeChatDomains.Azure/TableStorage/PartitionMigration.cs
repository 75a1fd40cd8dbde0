using Azure;
using Azure.Data.Tables;

namespace WeChatDomains.Azure.TableStorage;

/// <summary>
/// Moves the rows of an index stored in one partition before it spread over shards (<see cref="ShardedPartitions"/>) to
/// their shard's partition, once per table: a marker row (in <see cref="LayoutMarker.Partition"/>) says the
/// table is done, so later starts cost one point read. Run by <see cref="TableStorageTables.EnsureCreatedAsync"/> before
/// any adapter touches the table.
/// <para>
/// A row moves as it is (same RowKey and properties, stale or not: readers check it against its record as before):
/// insert under the shard (a 409 means a writer of this version put it there already, and that row stays), then delete
/// the old row by its ETag. The two are different partitions, so not one transaction: a crash in between leaves the old
/// row, which the next start moves (the marker is written last). As for <see cref="RowKeyMigration"/>, instances of the
/// version before must be stopped first: a row one of them writes after the move is not seen.
/// </para>
/// </summary>
internal static class PartitionMigration
{
    private const int PageSize = 1000;

    /// <summary>
    /// Unless the marker <paramref name="markerRowKey"/> is there, moves every row each source's filter selects to the
    /// partition its <c>PartitionOf</c> gives, then writes the marker; returns how many rows moved.
    /// </summary>
    public static Task<int> RunAsync(
        TableClient table, string markerRowKey, IEnumerable<(string Filter, Func<TableEntity, string> PartitionOf)> sources, CancellationToken cancellationToken) =>
        LayoutMarker.OnceAsync(table, markerRowKey, async () =>
        {
            var moved = 0;
            foreach (var (filter, partitionOf) in sources)
            {
                await foreach (var row in table.QueryAsync<TableEntity>(filter, PageSize, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    await MoveAsync(table, row, partitionOf(row), cancellationToken).ConfigureAwait(false);
                    moved++;
                }
            }

            return moved;
        }, cancellationToken);

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
