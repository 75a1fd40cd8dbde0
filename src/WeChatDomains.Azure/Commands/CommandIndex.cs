using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Azure.Commands;

/// <summary>
/// Writes and reads the pointer rows of <c>commandindex</c> (keys in <see cref="CommandIndexKeys"/>). Writes come after
/// the record write and are idempotent (upsert; delete where 404 is done); readers remove a stale row only with the
/// ETag they read, so a row a writer has just renewed survives.
/// </summary>
internal sealed class CommandIndex(TableClient table, ILogger logger)
{
    /// <summary>
    /// Brings the state rows in line with <paramref name="current"/>: upserts every row it should have (repairing a crash
    /// after an earlier record write), deletes the rows <paramref name="previous"/> had that it no longer should, and
    /// writes the authorizer pointer when told to. When <paramref name="previousRowsWritten"/> (this process wrote
    /// <paramref name="previous"/>'s rows itself, so none is missing), a row <paramref name="previous"/> already had, with
    /// the same content, is not written again.
    /// </summary>
    public async Task SyncAsync(CommandRecord? previous, CommandRecord current, bool previousRowsWritten, bool authorizerPointer, CancellationToken cancellationToken)
    {
        var wanted = CommandIndexKeys.StatePointers(current);
        if (authorizerPointer)
        {
            wanted.Add(CommandIndexKeys.Authorizer(current));
        }

        var had = previous is null ? [] : CommandIndexKeys.StatePointers(previous);
        var obsolete = had.Where(old => !wanted.Exists(p => p.PartitionKey == old.PartitionKey && p.RowKey == old.RowKey));
        var toWrite = previousRowsWritten ? wanted.Where(p => !had.Contains(p)) : wanted;

        var writes = toWrite.Select(p => UpsertAsync(p, current.CommandId, cancellationToken));
        var removals = obsolete.Select(p => table.DeleteIfUnchangedAsync(p.PartitionKey, p.RowKey, ETag.All, cancellationToken));
        await Task.WhenAll(writes.Concat(removals)).ConfigureAwait(false);
    }

    /// <summary>One page of pointer rows matching <paramref name="filter"/>, and the SDK's token for the next.</summary>
    public async Task<(IReadOnlyList<TableEntity> Rows, string? Continuation)> ReadPageAsync(
        string filter, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        var pages = table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(continuation, pageSize);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            return (page.Values, page.ContinuationToken);
        }

        return ([], null);
    }

    /// <summary>
    /// The first <paramref name="count"/> rows of <paramref name="state"/>'s partitions that match
    /// <paramref name="rowFilter"/>, in RowKey order across them, and whether more match. The partitions are queried in
    /// parallel (<see cref="ShardedPartitions.ReadMergedAsync"/>); a RowKey sorts by time then commandId in every
    /// partition, so the merged answers are in the order one partition would have.
    /// </summary>
    public Task<(IReadOnlyList<TableEntity> Rows, bool More)> ReadStateAsync(
        CommandState state, string rowFilter, int count, CancellationToken cancellationToken) =>
        table.ReadMergedAsync(StateFilters(state, rowFilter), count, cancellationToken);

    /// <summary>
    /// Counts the rows of <paramref name="state"/>'s partitions that match <paramref name="rowFilter"/> (all rows when
    /// null), reading keys only, the partitions in parallel, up to <paramref name="cap"/> in all: every partition stops
    /// once the shared total reaches it.
    /// </summary>
    public async Task<int> CountStateAsync(CommandState state, string? rowFilter, int cap, CancellationToken cancellationToken)
    {
        var total = 0;
        await Task.WhenAll(StateFilters(state, rowFilter).Select(async filter =>
        {
            var rows = table.QueryAsync<TableEntity>(filter, ShardedPartitions.MaxPageSize, ["RowKey"], cancellationToken);
            await foreach (var _ in rows.ConfigureAwait(false))
            {
                if (Interlocked.Increment(ref total) >= cap)
                {
                    break;
                }
            }
        })).ConfigureAwait(false);
        return Math.Min(total, cap);
    }

    /// <summary>Removes a row that no longer matches its record, if nobody rewrote it since it was read.</summary>
    public async Task RemoveStaleAsync(TableEntity row, CancellationToken cancellationToken)
    {
        await table.DeleteIfUnchangedAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
        TableStorageLog.StalePointerRemoved(logger, table.Name, row.PartitionKey, row.RowKey);
    }

    private static IEnumerable<string> StateFilters(CommandState state, string? rowFilter) =>
        CommandIndexKeys.StatePartitions(state).Select(partition =>
            TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + (rowFilter is null ? "" : $" and ({rowFilter})"));

    private async Task UpsertAsync(IndexPointer pointer, string commandId, CancellationToken cancellationToken) =>
        await table.UpsertEntityAsync(ToEntity(pointer, commandId), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

    /// <summary>The row of <paramref name="pointer"/>, naming <paramref name="commandId"/>.</summary>
    public static TableEntity ToEntity(IndexPointer pointer, string commandId)
    {
        var row = new TableEntity(pointer.PartitionKey, pointer.RowKey) { [CommandIndexKeys.CommandIdProperty] = commandId };
        if (pointer.WakeBy is { } wake)
        {
            row[CommandIndexKeys.WakeByProperty] = wake.ToString();
        }

        return row;
    }
}
