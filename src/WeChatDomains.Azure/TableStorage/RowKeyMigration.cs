using Azure;
using Azure.Data.Tables;

namespace WeChatDomains.Azure.TableStorage;

/// <summary>
/// Moves rows stored before <see cref="RowKeys"/> (RowKey without the partition suffix) to their new keys, once per
/// table: a marker row (<see cref="LayoutMarker.Partition"/>) says a table is done, so later starts cost one point read. Each row
/// moves in one entity-group transaction (insert under the new key, delete of the old by its ETag): it is never in
/// both places nor in neither. Run by <see cref="TableStorageTables.EnsureCreatedAsync"/> before any adapter touches
/// the table. Instances of the version before must be stopped first: a row one of them writes after the move is not
/// seen.
/// </summary>
internal static class RowKeyMigration
{
    /// <summary>RowKey of the marker row.</summary>
    public const string MarkerRowKey = "rowkeys-with-partition";

    private const int PageSize = 1000;
    private static readonly string[] Managed = ["PartitionKey", "RowKey", "odata.etag", "Timestamp"];

    /// <summary>Moves the legacy rows of <paramref name="table"/> the filters select; returns how many moved.</summary>
    public static Task<int> RunAsync(TableClient table, IReadOnlyList<string> legacyFilters, CancellationToken cancellationToken) =>
        legacyFilters.Count == 0 ? Task.FromResult(0) : LayoutMarker.OnceAsync(table, MarkerRowKey, async () =>
        {
            var moved = 0;
            foreach (var filter in legacyFilters)
            {
                await foreach (var row in table.QueryAsync<TableEntity>(filter, PageSize, cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    if (RowKeys.IsLegacy(row) && await MoveAsync(table, row, cancellationToken).ConfigureAwait(false))
                    {
                        moved++;
                    }
                }
            }

            return moved;
        }, cancellationToken);

    /// <summary>A new row at the given keys with <paramref name="row"/>'s own properties (not its ETag or Timestamp).</summary>
    public static TableEntity CopyOf(TableEntity row, string partitionKey, string rowKey)
    {
        var copy = new TableEntity(partitionKey, rowKey);
        foreach (var (name, value) in row.Where(p => !Managed.Contains(p.Key)))
        {
            copy[name] = value;
        }

        return copy;
    }

    private static async Task<bool> MoveAsync(TableClient table, TableEntity row, CancellationToken cancellationToken)
    {
        var copy = CopyOf(row, row.PartitionKey, RowKeys.Of(row.RowKey, row.PartitionKey));
        try
        {
            await table.SubmitTransactionAsync(
                [new TableTransactionAction(TableTransactionActionType.Add, copy), new TableTransactionAction(TableTransactionActionType.Delete, row, row.ETag)],
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TableTransactionFailedException exception) when (exception.Status is TableResults.Conflict or TableResults.NotFound or TableResults.PreconditionFailed)
        {
            return false; // Another instance starting at the same time moved it first.
        }
    }
}
