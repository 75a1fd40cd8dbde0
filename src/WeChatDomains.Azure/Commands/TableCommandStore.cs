using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Azure.Commands;

/// <summary>
/// <see cref="ICommandStore"/> on Table Storage. Every query is a point read or a single-partition query (a Failed or
/// Deferred listing or count: one per partition of the state, in parallel):
/// <list type="bullet">
/// <item><c>commands</c>: PK = commandId; RK = <c>command</c> for the record, <c>attempt|0001</c>, ... for attempts.</item>
/// <item><c>commandindex</c>: pointer rows by authorizer, Failed and Deferred (see <see cref="CommandIndexKeys"/>); a
/// listing reads a page of pointers, then point-reads the records (in parallel, bounded). And one row per order lane
/// (<see cref="CommandLanes"/>), which a command joins when first received and leaves at its final state.</item>
/// </list>
/// The record is the truth. <see cref="TryReplaceAsync(CommandRecord, CancellationToken)"/> needs the stored version (to know which rows it had): it takes it
/// from <see cref="KnownVersions"/> when that holds the version with the caller's ETag, else reads it; it replaces the
/// record with the caller's ETag, and only then brings the pointer rows in line; a crash in between leaves stale rows,
/// which readers check against the record and remove. Long <c>Body</c>/<c>Response</c> values span several properties and are
/// cut past about 384 KB each; error messages and reasons are cut to 32,000 characters (see <see cref="TableStorageConstants"/>).
/// </summary>
public sealed partial class TableCommandStore : ICommandStore
{
    private readonly TableStorageTables _tables;
    private readonly TimeProvider _time;
    private readonly CommandIndex _index;
    private readonly KnownVersions _known = new();
    private readonly CommandLanes _lanes;
    private readonly ConcurrentDictionary<string, string?> _followers = new(StringComparer.Ordinal);
    private readonly ILogger _logger;

    /// <summary>Creates the store over <paramref name="tables"/>.</summary>
    public TableCommandStore(TableStorageTables tables, TimeProvider time, ILogger<TableCommandStore> logger)
    {
        ArgumentNullException.ThrowIfNull(tables);
        _tables = tables;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _index = new CommandIndex(tables.CommandIndex, logger);
        _lanes = new CommandLanes(tables.CommandIndex, _time);
    }

    /// <inheritdoc />
    public async Task<CommandRecord?> GetAsync(string commandId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(commandId);
        await _tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var record = await ReadAsync(commandId, cancellationToken).ConfigureAwait(false);
        if (record is not null)
        {
            _known.Read(record);
        }

        return record;
    }

    /// <inheritdoc />
    public CommandRecord? GetCached(string commandId) => _known.Latest(commandId)?.Record;

    /// <inheritdoc />
    public async Task<CommandRecord?> TryInsertAsync(CommandRecord record, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        Response response;
        try
        {
            response = await _tables.Commands.AddEntityAsync(CommandEntityMapper.ToEntity(record), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == TableResults.Conflict)
        {
            var existing = await ReadAsync(record.CommandId, cancellationToken).ConfigureAwait(false);
            if (existing is not null)
            {
                await SyncAsync(null, existing, previousRowsWritten: false, cancellationToken).ConfigureAwait(false);
                TableStorageLog.DuplicateInsert(_logger, record.CommandId);
            }

            return null;
        }

        var stored = record with { ETag = TableResults.ETagOf(response) };
        await SyncAsync(null, stored, previousRowsWritten: false, cancellationToken).ConfigureAwait(false);
        _known.Written(stored);
        return stored;
    }

    /// <inheritdoc />
    public Task<CommandRecord?> TryReplaceAsync(CommandRecord record, CancellationToken cancellationToken = default) =>
        ReplaceAsync(record, null, cancellationToken);

    /// <summary>
    /// The record's replace and the attempt's insert in one entity-group transaction (both in the command's partition):
    /// one storage operation for two rows. When the attempt number is already recorded (409 on it), the record is
    /// replaced alone and the first row stays; when the record changed first (412), the attempt is recorded alone.
    /// </summary>
    public Task<CommandRecord?> TryReplaceAsync(CommandRecord record, AttemptRecord attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return ReplaceAsync(record, attempt, cancellationToken);
    }

    private async Task<CommandRecord?> ReplaceAsync(CommandRecord record, AttemptRecord? attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (record.ETag is null)
        {
            throw new ArgumentException("Only a record read from the store (with its ETag) can be replaced.", nameof(record));
        }

        await _tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var known = _known.Find(record.CommandId, record.ETag);
        var previous = known?.Record ?? await ReadAsync(record.CommandId, cancellationToken).ConfigureAwait(false);
        if (previous is null || previous.ETag != record.ETag)
        {
            _known.Forget(record.CommandId);
            await AddAttemptIfAnyAsync(attempt, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var etag = await WriteAsync(record, attempt, cancellationToken).ConfigureAwait(false);
        if (etag is null)
        {
            _known.Forget(record.CommandId);
            await AddAttemptIfAnyAsync(attempt, cancellationToken).ConfigureAwait(false);
            return null;
        }

        var stored = record with { ETag = etag };
        await SyncAsync(previous, stored, known?.PointersWritten == true, cancellationToken).ConfigureAwait(false);
        _known.Written(stored);
        return stored;
    }

    /// <summary>
    /// The record's conditional replace, with the attempt in the same transaction: the new ETag, or null when the record
    /// changed. A 412 may answer the SDK's retry of this very write, which storage applied on the first try while its
    /// answer was lost (<see cref="TableResults.ETagIfWrittenAsync"/>): that counts as written, so the index rows are still
    /// written (without its due row a Deferred command is never released).
    /// </summary>
    private async Task<string?> WriteAsync(CommandRecord record, AttemptRecord? attempt, CancellationToken cancellationToken)
    {
        var entity = CommandEntityMapper.ToEntity(record);
        var response = await ReplaceOrNullAsync(entity, record.ETag!, attempt, cancellationToken).ConfigureAwait(false);
        return response is not null
            ? TableResults.ETagOf(response)
            : await _tables.Commands.ETagIfWrittenAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Response?> ReplaceOrNullAsync(TableEntity entity, string recordETag, AttemptRecord? attempt, CancellationToken cancellationToken)
    {
        var etag = new ETag(recordETag);
        try
        {
            if (attempt is not null)
            {
                TableTransactionAction[] actions =
                [
                    new(TableTransactionActionType.UpdateReplace, entity, etag),
                    new(TableTransactionActionType.Add, CommandEntityMapper.ToEntity(attempt)),
                ];
                try
                {
                    var responses = await _tables.Commands.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
                    return responses.Value[0];
                }
                catch (TableTransactionFailedException exception) when (exception.FailedTransactionActionIndex == 1 && exception.Status == TableResults.Conflict)
                {
                    // The attempt number is already recorded: the first row stays, the record is replaced alone.
                }
            }

            return await _tables.Commands.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        }
        catch (TableTransactionFailedException exception) when (exception.FailedTransactionActionIndex is null or 0 && exception.IsStale())
        {
            return null;
        }
        catch (RequestFailedException exception) when (exception.IsStale())
        {
            return null;
        }
    }

    private Task AddAttemptIfAnyAsync(AttemptRecord? attempt, CancellationToken cancellationToken) =>
        attempt is null ? Task.CompletedTask : AddAttemptAsync(attempt, cancellationToken);

    /// <inheritdoc />
    public async Task AddAttemptAsync(AttemptRecord attempt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await _tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await _tables.Commands.AddEntityAsync(CommandEntityMapper.ToEntity(attempt), cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.Status == TableResults.Conflict)
        {
            // Already recorded: the same attempt number of the same command is the same attempt.
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string commandId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(commandId);
        await _tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {commandId}") + " and " + RowKeys.StartingWith(CommandEntityMapper.AttemptRowKeyPrefix);
        var attempts = new List<AttemptRecord>();
        await foreach (var row in _tables.Commands.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            attempts.Add(CommandEntityMapper.ToAttempt(row));
        }

        attempts.Sort(static (a, b) => a.Number.CompareTo(b.Number));
        return attempts;
    }

    /// <summary>
    /// Brings the pointer rows and the lane in line with <paramref name="current"/>, in parallel. A command is listed by
    /// its authorizer once received (or final), and joins its lane when first received, both in one transaction (the
    /// lane row shares the authorizer's partition); the same happens again when the rows of the version before are not
    /// known to be written (a repair). At its end it leaves the lane lazily (<see cref="CommandLanes"/>), and the command
    /// after it there, as this process last saw the lane, is remembered for the nudge.
    /// </summary>
    private async Task SyncAsync(CommandRecord? previous, CommandRecord current, bool previousRowsWritten, CancellationToken cancellationToken)
    {
        var firstListed = Listed(current) && (previous is null || !Listed(previous) || !previousRowsWritten);
        var joins = firstListed && current.ReceivedAt is not null && !current.State.IsFinal();
        var pointers = _index.SyncAsync(previous, current, previousRowsWritten, authorizerPointer: firstListed && !joins, cancellationToken);
        var lane = joins
            ? _lanes.JoinAsync(current, CommandIndex.ToEntity(CommandIndexKeys.Authorizer(current), current.CommandId), cancellationToken)
            : Task.CompletedTask;
        if (current.State.IsFinal() && current.ReceivedAt is not null && previous?.State.IsFinal() != true)
        {
            RememberFollower(current.CommandId, _lanes.Ended(current));
        }

        await Task.WhenAll(pointers, lane, _lanes.RetireIdleAsync(cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Whether the authorizer's listing shows the command: once received, or final (a command refused at receipt).</summary>
    private static bool Listed(CommandRecord record) => record.ReceivedAt is not null || record.State.IsFinal();

    /// <inheritdoc />
    public bool TryGetFollower(string commandId, out string? followerId) => _followers.TryRemove(commandId, out followerId);

    private void RememberFollower(string commandId, (bool Known, string? Follower) lane)
    {
        if (!lane.Known)
        {
            return;
        }

        if (_followers.Count >= KnownVersions.Capacity)
        {
            _followers.Clear();
        }

        _followers[commandId] = lane.Follower;
    }

    private async Task<CommandRecord?> ReadAsync(string commandId, CancellationToken cancellationToken)
    {
        var entity = await _tables.Commands.GetOrNullAsync(commandId, CommandEntityMapper.RecordRowKey(commandId), cancellationToken).ConfigureAwait(false);
        return entity is null ? null : CommandEntityMapper.ToRecord(entity);
    }

    /// <summary>Point-reads the records the pointer rows name, in parallel (bounded), in the rows' order.</summary>
    private async Task<CommandRecord?[]> ReadAllAsync(IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        var records = new CommandRecord?[rows.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = TableStorageConstants.ReadParallelism, CancellationToken = cancellationToken };
        await Parallel.ForEachAsync(Enumerable.Range(0, rows.Count), options, async (i, token) =>
            records[i] = await ReadAsync(rows[i].GetString(CommandIndexKeys.CommandIdProperty), token).ConfigureAwait(false)).ConfigureAwait(false);
        return records;
    }
}
