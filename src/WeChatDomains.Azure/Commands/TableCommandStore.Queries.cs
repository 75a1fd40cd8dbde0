using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Azure.Commands;

/// <summary>
/// The index queries of <see cref="TableCommandStore"/>: one partition of <c>commandindex</c> (an authorizer's, a lane's)
/// or a state's <see cref="CommandIndexKeys.StateShards"/> partitions in parallel, merged by RowKey; then point reads.
/// </summary>
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
    /// Failed commands by completion time, or Deferred ones by next attempt time, in [since, until), oldest first, from all
    /// the state's partitions merged. The continuation is the last RowKey returned (opaque to callers); null when no row
    /// is left. Rows whose record has moved on are skipped, so a page may hold fewer than <paramref name="pageSize"/> items.
    /// </summary>
    public async Task<Page<CommandRecord>> ListByStateAsync(CommandState state, DateTimeOffset since, DateTimeOffset until, int pageSize, string? continuation, CancellationToken cancellationToken = default)
    {
        if (state is not (CommandState.Failed or CommandState.Deferred))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "Only Failed and Deferred commands are indexed by time.");
        }

        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(pageSize);
        var after = ContinuationToken.Decode(continuation);
        if (after is not null && !CommandIndexKeys.IsStateRowKey(after))
        {
            throw new ArgumentException("The continuation token is not one this store issued.", nameof(continuation));
        }

        await _tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var range = TableClient.CreateQueryFilter($"RowKey ge {CommandIndexKeys.Ticks(since)} and RowKey lt {CommandIndexKeys.Ticks(until)}");
        var (rows, more) = await _index.ReadStateAsync(state, After(range, after), pageSize, cancellationToken).ConfigureAwait(false);
        var records = await ReadAllAsync(rows, cancellationToken).ConfigureAwait(false);
        var items = new List<CommandRecord>(rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            if (CommandIndexKeys.Holds(records[i], rows[i].PartitionKey, rows[i].RowKey))
            {
                items.Add(records[i]!);
            }
        }

        return new Page<CommandRecord>(items, more ? ContinuationToken.Encode(rows[^1].RowKey) : null);
    }

    /// <summary>
    /// Deferred, timer-woken commands due at or before <paramref name="now"/>, earliest first across the partitions. Each
    /// pointer is checked against its record (still Deferred, same time, woken by the timer); stale pointers are removed.
    /// Examines at most <see cref="TableStorageConstants.ScanFactor"/> × <paramref name="max"/> pointers per call.
    /// </summary>
    public async Task<IReadOnlyList<CommandRecord>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await _tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"RowKey lt {CommandIndexKeys.Ticks(now.UtcTicks + 1)} and WakeBy eq {nameof(DeferralWake.Timer)}");
        var due = await ScanAsync(CommandState.Deferred, filter, max, record => (record.WakeBy ?? DeferralWake.Timer) == DeferralWake.Timer && record.NextAttemptAt <= now, cancellationToken).ConfigureAwait(false);
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
    /// pointer rows (stale ones included until a reader removes them), each counted from keys only over the state's
    /// partitions in parallel and capped at <see cref="TableStorageConstants.ProblemCountCap"/> in all.
    /// </summary>
    public async Task<(int Failed, int Deferred)> CountProblemsAsync(CancellationToken cancellationToken = default)
    {
        await _tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var since = _time.GetUtcNow() - TableStorageConstants.FailedCountWindow;
        var recent = TableClient.CreateQueryFilter($"RowKey ge {CommandIndexKeys.Ticks(since)}");
        var failed = _index.CountStateAsync(CommandState.Failed, recent, TableStorageConstants.ProblemCountCap, cancellationToken);
        var deferred = _index.CountStateAsync(CommandState.Deferred, null, TableStorageConstants.ProblemCountCap, cancellationToken);
        return (await failed.ConfigureAwait(false), await deferred.ConfigureAwait(false));
    }

    /// <summary>The rows of <paramref name="filter"/> after the RowKey <paramref name="after"/> (all of them when null).</summary>
    private static string After(string filter, string? after) =>
        after is null ? filter : filter + " and " + TableClient.CreateQueryFilter($"RowKey gt {after}");

    private async Task<List<CommandRecord>> ScanAsync(CommandState state, string filter, int max, Func<CommandRecord, bool> wanted, CancellationToken cancellationToken)
    {
        var found = new List<CommandRecord>(max);
        var examined = 0;
        string? after = null;
        bool more;
        do
        {
            (var rows, more) = await _index.ReadStateAsync(state, After(filter, after), max, cancellationToken).ConfigureAwait(false);
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
            after = rows.Count > 0 ? rows[^1].RowKey : after;
        }
        while (more && found.Count < max && examined < max * TableStorageConstants.ScanFactor);

        return found;
    }
}
