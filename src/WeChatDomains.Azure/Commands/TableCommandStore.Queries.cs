using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Azure.Commands;

/// <summary>The index queries of <see cref="TableCommandStore"/>: each one partition of <c>commandindex</c>, then point reads.</summary>
public sealed partial class TableCommandStore
{
    /// <inheritdoc />
    public async Task<Page<CommandRecord>> ListByAuthorizerAsync(string authorizerKey, int pageSize, string? continuation, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(authorizerKey);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        await _tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {CommandIndexKeys.AuthorizerPartition(authorizerKey)} and RowKey lt {LaneKey.RowKeyPrefix}");
        var (rows, next) = await _index.ReadPageAsync(filter, pageSize, ContinuationToken.Decode(continuation), cancellationToken).ConfigureAwait(false);
        var records = await ReadAllAsync(rows, cancellationToken).ConfigureAwait(false);
        return new Page<CommandRecord>([.. records.OfType<CommandRecord>()], ContinuationToken.Encode(next));
    }

    /// <summary>
    /// Failed commands by completion time, or Deferred ones by next attempt time, in [since, until), oldest first.
    /// Rows whose record has moved on are skipped, so a page may hold fewer than <paramref name="pageSize"/> items.
    /// </summary>
    public async Task<Page<CommandRecord>> ListByStateAsync(CommandState state, DateTimeOffset since, DateTimeOffset until, int pageSize, string? continuation, CancellationToken cancellationToken = default)
    {
        if (state is not (CommandState.Failed or CommandState.Deferred))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "Only Failed and Deferred commands are indexed by time.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        await _tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {CommandIndexKeys.StatePartition(state)} and RowKey ge {CommandIndexKeys.Ticks(since)} and RowKey lt {CommandIndexKeys.Ticks(until)}");
        var (rows, next) = await _index.ReadPageAsync(filter, pageSize, ContinuationToken.Decode(continuation), cancellationToken).ConfigureAwait(false);
        var records = await ReadAllAsync(rows, cancellationToken).ConfigureAwait(false);
        var items = new List<CommandRecord>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (CommandIndexKeys.Holds(records[i], rows[i].PartitionKey, rows[i].RowKey))
            {
                items.Add(records[i]!);
            }
        }

        return new Page<CommandRecord>(items, ContinuationToken.Encode(next));
    }

    /// <summary>
    /// Deferred, timer-woken commands due at or before <paramref name="now"/>, earliest first. Each pointer is checked
    /// against its record (still Deferred, same time, woken by the timer); stale pointers are removed. Examines at most
    /// <see cref="TableStorageConstants.ScanFactor"/> × <paramref name="max"/> pointers per call.
    /// </summary>
    public async Task<IReadOnlyList<CommandRecord>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await _tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {CommandIndexKeys.StatePartition(CommandState.Deferred)} and RowKey lt {CommandIndexKeys.Ticks(now.UtcTicks + 1)} and WakeBy eq {nameof(DeferralWake.Timer)}");
        var due = await ScanAsync(filter, max, record => (record.WakeBy ?? DeferralWake.Timer) == DeferralWake.Timer && record.NextAttemptAt <= now, cancellationToken).ConfigureAwait(false);
        return due;
    }

    /// <summary>
    /// The unfinished commands of one lane, oldest receipt first, from its row (<see cref="CommandLanes"/>). Commands this
    /// process knows have ended are skipped; every other one's record is read to check it has not ended, and the entries
    /// of those that have are removed from the row. With
    /// <paramref name="aheadOf"/>, only the commands before that one are looked at (all of them when it is not in the
    /// lane), and the row as this process last wrote it serves when it holds that command: a command alone in its lane
    /// costs no storage operation.
    /// </summary>
    public async Task<IReadOnlyList<string>> ListLaneAsync(string authorizerKey, string api, int max, string? aheadOf = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(authorizerKey);
        ArgumentException.ThrowIfNullOrEmpty(api);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await _tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var key = new LaneKey(authorizerKey, api);
        var row = aheadOf is not null && _lanes.Known(key) is { } known && known.Contains(aheadOf)
            ? known
            : await _lanes.ReadAsync(key, cancellationToken).ConfigureAwait(false);

        var unfinished = new List<string>(max);
        var ended = new List<string>();
        foreach (var commandId in row.CommandIds.TakeWhile(id => id != aheadOf).Where(id => !_lanes.IsEnded(id)))
        {
            if (unfinished.Count >= max)
            {
                break;
            }

            var record = await ReadAsync(commandId, cancellationToken).ConfigureAwait(false);
            (record is null || record.State.IsFinal() ? ended : unfinished).Add(commandId);
        }

        if (ended.Count > 0)
        {
            await _lanes.RemoveAsync(key, ended, cancellationToken).ConfigureAwait(false);
            foreach (var commandId in ended)
            {
                TableStorageLog.EndedLaneEntryRemoved(_logger, commandId, key.AuthorizerKey, key.Api);
            }
        }

        return unfinished;
    }

    /// <summary>
    /// Failed commands completed in the last <see cref="TableStorageConstants.FailedCountWindow"/> and all Deferred
    /// pointer rows (stale ones included until a reader removes them), each counted from keys only and capped at
    /// <see cref="TableStorageConstants.ProblemCountCap"/>.
    /// </summary>
    public async Task<(int Failed, int Deferred)> CountProblemsAsync(CancellationToken cancellationToken = default)
    {
        await _tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var since = _time.GetUtcNow() - TableStorageConstants.FailedCountWindow;
        var failedFilter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {CommandIndexKeys.StatePartition(CommandState.Failed)} and RowKey ge {CommandIndexKeys.Ticks(since)}");
        var deferredFilter = TableClient.CreateQueryFilter($"PartitionKey eq {CommandIndexKeys.StatePartition(CommandState.Deferred)}");
        var failed = _index.CountAsync(failedFilter, TableStorageConstants.ProblemCountCap, cancellationToken);
        var deferred = _index.CountAsync(deferredFilter, TableStorageConstants.ProblemCountCap, cancellationToken);
        return (await failed.ConfigureAwait(false), await deferred.ConfigureAwait(false));
    }

    private async Task<List<CommandRecord>> ScanAsync(string filter, int max, Func<CommandRecord, bool> wanted, CancellationToken cancellationToken)
    {
        var found = new List<CommandRecord>(max);
        var examined = 0;
        string? continuation = null;
        do
        {
            var (rows, next) = await _index.ReadPageAsync(filter, max, continuation, cancellationToken).ConfigureAwait(false);
            var records = await ReadAllAsync(rows, cancellationToken).ConfigureAwait(false);
            for (var i = 0; i < rows.Count && found.Count < max; i++)
            {
                if (!CommandIndexKeys.Holds(records[i], rows[i].PartitionKey, rows[i].RowKey))
                {
                    await _index.RemoveStaleAsync(rows[i], cancellationToken).ConfigureAwait(false);
                }
                else if (wanted(records[i]!))
                {
                    found.Add(records[i]!);
                }
            }

            examined += rows.Count;
            continuation = next;
        }
        while (continuation is not null && found.Count < max && examined < max * TableStorageConstants.ScanFactor);

        return found;
    }
}
