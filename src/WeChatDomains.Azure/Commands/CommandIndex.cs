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
    /// Brings the rows in line with <paramref name="current"/>: upserts every row it should have (repairing a crash after
    /// an earlier record write), deletes the rows <paramref name="previous"/> had that it no longer should. When
    /// <paramref name="previousRowsWritten"/> (this process wrote <paramref name="previous"/>'s rows itself, so none is
    /// missing), a row <paramref name="previous"/> already had, with the same content, is not written again.
    /// </summary>
    /// <para>
    /// The lane pointer is removed with <paramref name="laneETag"/> (the ETag this process got when it wrote it) when
    /// known: the answer says whether the row was still as written (no held-back command touched it since).
    /// </para>
    public async Task<LaneSync> SyncAsync(CommandRecord? previous, CommandRecord current, bool previousRowsWritten, string? laneETag, CancellationToken cancellationToken)
    {
        var wanted = CommandIndexKeys.StatePointers(current);
        if (previous is null)
        {
            wanted.Add(CommandIndexKeys.Authorizer(current));
        }

        var had = previous is null ? [] : CommandIndexKeys.StatePointers(previous);
        var obsolete = had.Where(old => !wanted.Exists(p => p.PartitionKey == old.PartitionKey && p.RowKey == old.RowKey));
        var toWrite = previousRowsWritten ? wanted.Where(p => !had.Contains(p)) : wanted;

        var writes = toWrite.Select(async p => (Pointer: p, ETag: await UpsertAsync(p, current.CommandId, cancellationToken).ConfigureAwait(false))).ToList();
        var removals = obsolete.Select(async p => (Pointer: p, Untouched: await RemoveAsync(p, IsLane(p) ? laneETag : null, cancellationToken).ConfigureAwait(false))).ToList();
        await Task.WhenAll(writes.Cast<Task>().Concat(removals)).ConfigureAwait(false);
        var written = writes.Select(w => w.Result).Where(w => IsLane(w.Pointer)).Select(w => w.ETag).FirstOrDefault();
        bool? untouched = removals.Select(r => r.Result).Where(r => IsLane(r.Pointer)).Select(r => (bool?)r.Untouched).FirstOrDefault();
        return new LaneSync(written, untouched);
    }

    /// <summary>
    /// Marks the lane row of <paramref name="pointer"/> as waited for (a merge of one property), so the command it
    /// belongs to sees at its end that its row changed; false when the row is gone (that command has ended).
    /// </summary>
    public async Task<bool> MarkWaitedForAsync(IndexPointer pointer, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            var row = new TableEntity(pointer.PartitionKey, pointer.RowKey) { [CommandIndexKeys.WaitedForProperty] = now };
            await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException exception) when (exception.Status == TableResults.NotFound)
        {
            return false;
        }
    }

    private static bool IsLane(IndexPointer pointer) => pointer.PartitionKey.StartsWith(CommandIndexKeys.LanePrefix, StringComparison.Ordinal);

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

    /// <summary>Counts rows matching <paramref name="filter"/>, reading keys only, up to <paramref name="cap"/>.</summary>
    public async Task<int> CountAsync(string filter, int cap, CancellationToken cancellationToken)
    {
        var count = 0;
        var rows = table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, select: ["RowKey"], cancellationToken: cancellationToken);
        await foreach (var _ in rows.ConfigureAwait(false))
        {
            if (++count >= cap)
            {
                break;
            }
        }

        return count;
    }

    /// <summary>Removes a row that no longer matches its record, if nobody rewrote it since it was read.</summary>
    public async Task RemoveStaleAsync(TableEntity row, CancellationToken cancellationToken)
    {
        await table.DeleteIfUnchangedAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
        TableStorageLog.StalePointerRemoved(logger, table.Name, row.PartitionKey, row.RowKey);
    }

    private async Task<string> UpsertAsync(IndexPointer pointer, string commandId, CancellationToken cancellationToken)
    {
        var row = new TableEntity(pointer.PartitionKey, pointer.RowKey) { [CommandIndexKeys.CommandIdProperty] = commandId };
        if (pointer.WakeBy is { } wake)
        {
            row[CommandIndexKeys.WakeByProperty] = wake.ToString();
        }

        var response = await table.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return TableResults.ETagOf(response);
    }

    /// <summary>Deletes the row; with <paramref name="etag"/>, true when it was still that version (else it is deleted anyway).</summary>
    private async Task<bool> RemoveAsync(IndexPointer pointer, string? etag, CancellationToken cancellationToken)
    {
        if (etag is not null)
        {
            try
            {
                await table.DeleteEntityAsync(pointer.PartitionKey, pointer.RowKey, new ETag(etag), cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException exception) when (exception.IsStale())
            {
            }
        }

        await table.DeleteIfUnchangedAsync(pointer.PartitionKey, pointer.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        return false;
    }
}

/// <summary>
/// What <see cref="CommandIndex.SyncAsync"/> did to the record's lane pointer: the ETag of the row it wrote, and, when it
/// removed the row, whether the row was still as this process wrote it (null: no lane pointer removed).
/// </summary>
internal readonly record struct LaneSync(string? WrittenETag, bool? RemovedUntouched);
