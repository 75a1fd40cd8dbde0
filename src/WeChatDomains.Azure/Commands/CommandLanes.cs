using System.Collections.Concurrent;
using System.Collections.Immutable;
using Azure;
using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Azure.Commands;

/// <summary>
/// The order lanes (DESIGN section 4) as one row per authorizer and api in <c>commandindex</c>, in the authorizer's
/// partition (PK <c>auth|{authorizerKey}</c>, RK <c>lane|{api}</c>), holding the lane's commands as sorted entries
/// <c>{receivedTicks:D19}|{commandId}</c> (oldest receipt first). No query is needed to find the commands ahead of one or
/// the one after it.
/// <list type="bullet">
/// <item>A command joins when it is first received: one conditional write on the row's ETag, in the same entity-group
/// transaction as the command's authorizer pointer (same partition).</item>
/// <item>It leaves lazily: its end writes nothing here; this process remembers it ended, and its next write of the lane
/// (the next join) drops it. Another process that finds an entry ahead of its command reads that record, and removes
/// the entry when the command has ended (<see cref="RemoveAsync"/>). The records stay the truth.</item>
/// </list>
/// This process keeps the last version of each lane it read or wrote, so a join writes without reading first (a lane it
/// does not know is taken to have no row); a 409 or 412 means the row is not as this process saw it, and it is read and
/// the change made on it. This process's writes to one lane wait for each other (striped locks), so they never conflict
/// among themselves. A write whose answer was lost (the SDK's retry meets its own write) is recognised by reading the
/// row back: it holds the entries that were sent.
/// <para>
/// A lane this process has not used for <see cref="IdleAfter"/> is forgotten, and its row deleted when every entry in it
/// has ended (<see cref="RetireIdleAsync"/>, run along the lanes' own writes): idle lanes then have no row, so the guess
/// above holds for them and a later join costs one write, not an insert refused, a read and a replace; and neither the
/// table nor this process's memory grows with the lanes ever used (a fleet has two or more per authorizer).
/// </para>
/// </summary>
internal sealed class CommandLanes(TableClient table, TimeProvider time)
{
    /// <summary>How long after its last use here a lane is forgotten and its row (all of it ended) deleted.</summary>
    public static readonly TimeSpan IdleAfter = TimeSpan.FromMinutes(1);

    /// <summary>Idle lanes retired per call of <see cref="RetireIdleAsync"/>, so a command's write never waits for many.</summary>
    private const int RetiredPerCall = 4;

    /// <summary>Unfinished commands one lane holds; a command received when its lane is full waits behind all of them.</summary>
    public const int MaxEntries = 1000;

    /// <summary>1,000 entries of at most 148 characters fit in 5 properties of 32,000 characters.</summary>
    private const int MaxChunks = 8;

    /// <summary>Writes tried on one change when other processes keep changing the lane first.</summary>
    private const int MaxWrites = 16;

    private const int KnownCapacity = 8192;
    private const string EntriesProperty = "Entries";

    private readonly ConcurrentDictionary<LaneKey, LaneRow> _known = new();
    private readonly ConcurrentDictionary<LaneKey, long> _lastUse = new();
    private readonly ConcurrentQueue<(LaneKey Key, long UsedAt)> _uses = new();
    private readonly ConcurrentDictionary<string, bool> _ended = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim[] _stripes = [.. Enumerable.Range(0, 64).Select(_ => new SemaphoreSlim(1, 1))];

    /// <summary>The lane's row as this process last read or wrote it, or null when it holds none.</summary>
    public LaneRow? Known(LaneKey key) => _known.TryGetValue(key, out var row) ? row : null;

    /// <summary>Reads the lane's row from the table.</summary>
    public async Task<LaneRow> ReadAsync(LaneKey key, CancellationToken cancellationToken)
    {
        var row = await FetchAsync(key, cancellationToken).ConfigureAwait(false);
        Remember(key, row);
        return row;
    }

    /// <summary>
    /// Adds <paramref name="record"/> to its lane unless it is there already or the lane is full, dropping the entries of
    /// commands this process knows have ended; <paramref name="alongside"/> (a row of the same partition) is written in
    /// the same transaction, or alone when the lane needs no change.
    /// </summary>
    public async Task JoinAsync(CommandRecord record, TableEntity? alongside, CancellationToken cancellationToken)
    {
        var entry = LaneRow.EntryOf(record);
        await ChangeAsync(LaneKey.Of(record), row =>
        {
            var pruned = row.Without(row.CommandIds.Where(IsEnded).ToList());
            var joined = pruned.Contains(record.CommandId) || pruned.Entries.Length >= MaxEntries ? pruned : pruned.With(entry);
            return joined.SameEntries(row) ? null : joined;
        }, alongside, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// <paramref name="record"/> has ended: nothing is written (its entry goes with the lane's next write). Returns whether
    /// this process knows the lane, and the command after it there as last seen (the one to nudge), or null.
    /// </summary>
    public (bool Known, string? Follower) Ended(CommandRecord record)
    {
        MarkEnded(record.CommandId);
        var key = LaneKey.Of(record);
        if (Known(key) is not { } row)
        {
            return (false, null);
        }

        Touch(key);
        return (true, row.After(LaneRow.EntryOf(record), IsEnded));
    }

    /// <summary>Whether this process knows <paramref name="commandId"/> has ended.</summary>
    public bool IsEnded(string commandId) => _ended.ContainsKey(commandId);

    /// <summary>Removes the entries of <paramref name="commandIds"/> (commands that have ended) from the lane.</summary>
    public Task RemoveAsync(LaneKey key, IReadOnlyCollection<string> commandIds, CancellationToken cancellationToken)
    {
        foreach (var commandId in commandIds)
        {
            MarkEnded(commandId);
        }

        return ChangeAsync(key, row => commandIds.Any(row.Contains) ? row.Without(commandIds) : null, null, cancellationToken);
    }

    /// <summary>
    /// Forgets up to <see cref="RetiredPerCall"/> lanes this process has not used for <see cref="IdleAfter"/>, deleting
    /// each one's row (conditional on the version last seen here) when every entry in it has ended; a row another process
    /// changed since, or one with a command not known here to have ended, is left as it is.
    /// </summary>
    public async Task RetireIdleAsync(CancellationToken cancellationToken)
    {
        for (var retired = 0; retired < RetiredPerCall && _uses.TryPeek(out var use) && time.GetElapsedTime(use.UsedAt) >= IdleAfter; retired++)
        {
            if (_uses.TryDequeue(out use) && _lastUse.TryGetValue(use.Key, out var last) && last == use.UsedAt)
            {
                await RetireAsync(use.Key, use.UsedAt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task RetireAsync(LaneKey key, long usedAt, CancellationToken cancellationToken)
    {
        var stripe = StripeOf(key);
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_lastUse.TryGetValue(key, out var last) || last != usedAt)
            {
                return;
            }

            _lastUse.TryRemove(key, out _);
            if (_known.TryRemove(key, out var row) && row.ETag is { } etag && row.CommandIds.All(IsEnded))
            {
                await table.DeleteIfUnchangedAsync(key.PartitionKey, key.RowKey, new ETag(etag), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            stripe.Release();
        }
    }

    private SemaphoreSlim StripeOf(LaneKey key) => _stripes[(int)((uint)key.GetHashCode() % (uint)_stripes.Length)];

    private async Task<LaneRow> ChangeAsync(LaneKey key, Func<LaneRow, LaneRow?> change, TableEntity? alongside, CancellationToken cancellationToken)
    {
        var stripe = StripeOf(key);
        await stripe.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // A lane this process does not know is taken to have no row (an idle lane has none): the insert then costs
            // no read, and meets 409 when the guess was wrong.
            var row = Known(key) ?? LaneRow.Absent;
            for (var write = 1; ; write++)
            {
                if (change(row) is not { } wanted)
                {
                    if (alongside is not null)
                    {
                        await table.UpsertEntityAsync(alongside, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                    }

                    Remember(key, row);
                    return row;
                }

                var (now, written) = await WriteAsync(key, row, wanted, alongside, cancellationToken).ConfigureAwait(false);
                Remember(key, now);
                if (written)
                {
                    return now;
                }

                if (write >= MaxWrites)
                {
                    throw new InvalidOperationException($"The lane {key} was changed by another writer before each of {write} writes; the command's message is retried.");
                }

                row = now;
            }
        }
        finally
        {
            stripe.Release();
        }
    }

    /// <summary>
    /// Writes <paramref name="wanted"/> over <paramref name="seen"/> (insert, replace or delete, conditional on
    /// <paramref name="seen"/>'s ETag), with <paramref name="alongside"/> upserted in the same transaction: the row after
    /// the write and true, or the row as it is now and false when another writer changed it first.
    /// </summary>
    private async Task<(LaneRow Now, bool Written)> WriteAsync(LaneKey key, LaneRow seen, LaneRow wanted, TableEntity? alongside, CancellationToken cancellationToken)
    {
        try
        {
            if (wanted.Entries.IsEmpty && alongside is null)
            {
                if (seen.ETag is { } etag)
                {
                    await table.DeleteEntityAsync(key.PartitionKey, key.RowKey, new ETag(etag), cancellationToken).ConfigureAwait(false);
                }

                return (LaneRow.Absent, true);
            }

            var entity = ToEntity(key, wanted);
            if (alongside is null)
            {
                var response = seen.ETag is { } etag
                    ? await table.UpdateEntityAsync(entity, new ETag(etag), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
                    : await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                return (wanted with { ETag = TableResults.ETagOf(response) }, true);
            }

            var lane = seen.ETag is { } current
                ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, entity, new ETag(current))
                : new TableTransactionAction(TableTransactionActionType.Add, entity);
            var responses = await table.SubmitTransactionAsync([lane, new(TableTransactionActionType.UpsertReplace, alongside)], cancellationToken).ConfigureAwait(false);
            return (wanted with { ETag = TableResults.ETagOf(responses.Value[0]) }, true);
        }
        catch (RequestFailedException exception) when (exception.Status is TableResults.NotFound or TableResults.Conflict or TableResults.PreconditionFailed)
        {
            // Another writer changed the row first, or storage applied this very write and its answer was lost (the
            // SDK's retry then met it): the row as it is now tells the two apart.
            var now = await FetchAsync(key, cancellationToken).ConfigureAwait(false);
            return (now, now.SameEntries(wanted));
        }
    }

    private async Task<LaneRow> FetchAsync(LaneKey key, CancellationToken cancellationToken)
    {
        var entity = await table.GetOrNullAsync(key.PartitionKey, key.RowKey, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return LaneRow.Absent;
        }

        var text = LargeStringProperty.Read(entity, EntriesProperty) ?? string.Empty;
        return new LaneRow(entity.ETag.ToString(), [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)]);
    }

    private static TableEntity ToEntity(LaneKey key, LaneRow row)
    {
        var entity = new TableEntity(key.PartitionKey, key.RowKey);
        LargeStringProperty.Write(entity, EntriesProperty, string.Join('\n', row.Entries), MaxChunks);
        return entity;
    }

    private void MarkEnded(string commandId)
    {
        if (_ended.Count >= KnownCapacity)
        {
            _ended.Clear();
        }

        _ended[commandId] = true;
    }

    private void Remember(LaneKey key, LaneRow row)
    {
        if (_known.Count >= KnownCapacity && !_known.ContainsKey(key))
        {
            _known.Clear();
            _lastUse.Clear();
            _uses.Clear();
        }

        _known[key] = row;
        Touch(key);
    }

    private void Touch(LaneKey key)
    {
        var now = time.GetTimestamp();
        _lastUse[key] = now;
        _uses.Enqueue((key, now));
    }
}

/// <summary>One order lane: an authorizer (or <c>component</c>) and an api.</summary>
internal readonly record struct LaneKey(string AuthorizerKey, string Api)
{
    /// <summary>Start of a lane row's RK; it sorts after the authorizer pointers' RKs, which start with digits.</summary>
    public const string RowKeyPrefix = "lane|";

    /// <summary>The lane of <paramref name="record"/>.</summary>
    public static LaneKey Of(CommandRecord record) => new(CommandIndexKeys.AuthorizerKey(record), record.Api);

    /// <summary>The row's partition, the authorizer's: lanes spread as the authorizers do.</summary>
    public string PartitionKey => CommandIndexKeys.AuthorizerPartition(AuthorizerKey);

    /// <summary>The row's key in that partition (<see cref="RowKeys"/>).</summary>
    public string RowKey => RowKeys.Of(RowKeyPrefix + Api, PartitionKey);

    /// <summary>The rows of <c>commandindex</c> <see cref="RowKeyMigration"/> moves: lane rows stored as <c>lane|{api}</c>.</summary>
    public static IReadOnlyList<string> LegacyRowFilters { get; } = [RowKeys.StartingWith(RowKeyPrefix)];

    /// <inheritdoc />
    public override string ToString() => AuthorizerKey + "/" + Api;
}

/// <summary>A lane row's version (null ETag: there is no row) and its entries, sorted.</summary>
internal sealed record LaneRow(string? ETag, ImmutableArray<string> Entries)
{
    private const int TicksLength = 19;

    /// <summary>A lane with no row.</summary>
    public static LaneRow Absent { get; } = new(null, []);

    /// <summary>The commands of the lane, oldest receipt first.</summary>
    public IEnumerable<string> CommandIds => Entries.Select(CommandIdOf);

    /// <summary>The entry of a received command.</summary>
    public static string EntryOf(CommandRecord record) =>
        CommandIndexKeys.Ticks(record.ReceivedAt ?? throw new ArgumentException($"Command {record.CommandId} has not been received.", nameof(record))) + "|" + record.CommandId;

    public bool Contains(string commandId) => Entries.Any(e => CommandIdOf(e) == commandId);

    /// <summary>Whether <paramref name="other"/> lists the same entries (whatever the versions).</summary>
    public bool SameEntries(LaneRow other) => Entries.SequenceEqual(other.Entries, StringComparer.Ordinal);

    /// <summary>This lane with <paramref name="entry"/> in its place.</summary>
    public LaneRow With(string entry)
    {
        var index = Entries.BinarySearch(entry, StringComparer.Ordinal);
        return this with { Entries = Entries.Insert(index < 0 ? ~index : index, entry) };
    }

    /// <summary>This lane without the entries of <paramref name="commandIds"/>.</summary>
    public LaneRow Without(IReadOnlyCollection<string> commandIds) =>
        this with { Entries = [.. Entries.Where(e => !commandIds.Contains(CommandIdOf(e)))] };

    /// <summary>The id of the first command after <paramref name="entry"/>'s place that has not <paramref name="ended"/>, or null.</summary>
    public string? After(string entry, Func<string, bool> ended) =>
        Entries.Where(e => string.CompareOrdinal(e, entry) > 0).Select(CommandIdOf).FirstOrDefault(id => !ended(id));

    private static string CommandIdOf(string entry) => entry[(TicksLength + 1)..];
}
