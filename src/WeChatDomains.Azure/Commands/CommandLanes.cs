using System.Collections.Concurrent;
using System.Collections.Immutable;
using Azure;
using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Azure.Commands;

/// <summary>
/// The order lanes (DESIGN section 4) as one row per authorizer and api in <c>commandindex</c>: PK
/// <c>lanes|{authorizerKey}</c>, RK the api, and the lane's unfinished commands as sorted entries
/// <c>{receivedTicks:D19}|{commandId}</c> (oldest receipt first). A command joins when it is first received and leaves
/// when it reaches a final state; each is one conditional write on the row's ETag, and no query is needed to find the
/// commands ahead of one or the one after it.
/// <para>
/// This process keeps the last version of each lane it read or wrote, so a join or a leave writes without reading first
/// (a lane it does not know is taken to have no row, as an idle lane has none: its row is deleted when its last command
/// leaves); a 409 or 412 means the row is not as this process saw it, and it is read and the change made on it. This process's writes to
/// one lane wait for each other (striped locks), so they never conflict among themselves. A write whose answer was lost
/// (the SDK's retry meets its own write) is recognised by reading the row back: it holds the entries that were sent.
/// </para>
/// The records stay the truth: an entry whose command has ended (its leave lost to a crash) is removed by the next reader
/// that looks at it (<see cref="RemoveAsync"/>).
/// </summary>
internal sealed class CommandLanes(TableClient table)
{
    /// <summary>Unfinished commands one lane holds; a command received when its lane is full waits behind all of them.</summary>
    public const int MaxEntries = 1000;

    /// <summary>1,000 entries of at most 148 characters fit in 5 properties of 32,000 characters.</summary>
    private const int MaxChunks = 8;

    /// <summary>Writes tried on one change when other processes keep changing the lane first.</summary>
    private const int MaxWrites = 16;

    private const int KnownCapacity = 8192;
    private const string EntriesProperty = "Entries";

    private readonly ConcurrentDictionary<LaneKey, LaneRow> _known = new();
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

    /// <summary>Adds <paramref name="record"/> to its lane unless it is there already or the lane is full.</summary>
    public async Task JoinAsync(CommandRecord record, CancellationToken cancellationToken)
    {
        var entry = LaneRow.EntryOf(record);
        await ChangeAsync(LaneKey.Of(record), row => row.Contains(record.CommandId) || row.Entries.Length >= MaxEntries ? null : row.With(entry), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Removes <paramref name="record"/> from its lane; the id of the command after it there (to nudge), or null.</summary>
    public async Task<string?> LeaveAsync(CommandRecord record, CancellationToken cancellationToken)
    {
        var entry = LaneRow.EntryOf(record);
        var row = await ChangeAsync(LaneKey.Of(record), row => row.Contains(record.CommandId) ? row.Without([record.CommandId]) : null, cancellationToken).ConfigureAwait(false);
        return row.After(entry);
    }

    /// <summary>Removes the entries of <paramref name="commandIds"/> (commands that have ended) from the lane.</summary>
    public Task RemoveAsync(LaneKey key, IReadOnlyCollection<string> commandIds, CancellationToken cancellationToken) =>
        ChangeAsync(key, row => commandIds.Any(row.Contains) ? row.Without(commandIds) : null, cancellationToken);

    private async Task<LaneRow> ChangeAsync(LaneKey key, Func<LaneRow, LaneRow?> change, CancellationToken cancellationToken)
    {
        var stripe = _stripes[(int)((uint)key.GetHashCode() % (uint)_stripes.Length)];
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
                    Remember(key, row);
                    return row;
                }

                var (now, written) = await WriteAsync(key, row, wanted, cancellationToken).ConfigureAwait(false);
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
    /// <paramref name="seen"/>'s ETag): the row after the write and true, or the row as it is now and false when another
    /// writer changed it first.
    /// </summary>
    private async Task<(LaneRow Now, bool Written)> WriteAsync(LaneKey key, LaneRow seen, LaneRow wanted, CancellationToken cancellationToken)
    {
        try
        {
            if (wanted.Entries.IsEmpty)
            {
                if (seen.ETag is { } etag)
                {
                    await table.DeleteEntityAsync(key.PartitionKey, key.Api, new ETag(etag), cancellationToken).ConfigureAwait(false);
                }

                return (LaneRow.Absent, true);
            }

            var entity = ToEntity(key, wanted);
            var response = seen.ETag is { } current
                ? await table.UpdateEntityAsync(entity, new ETag(current), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
                : await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return (wanted with { ETag = TableResults.ETagOf(response) }, true);
        }
        catch (RequestFailedException exception) when (exception.Status is TableResults.NotFound or TableResults.Conflict or TableResults.PreconditionFailed)
        {
            // Another writer changed the row first, or storage applied this very write and its answer was lost (the
            // SDK's retry then met it): the row as it is now tells the two apart.
            var now = await FetchAsync(key, cancellationToken).ConfigureAwait(false);
            return (now, now.Entries.SequenceEqual(wanted.Entries, StringComparer.Ordinal));
        }
    }

    private async Task<LaneRow> FetchAsync(LaneKey key, CancellationToken cancellationToken)
    {
        var entity = await table.GetOrNullAsync(key.PartitionKey, key.Api, cancellationToken).ConfigureAwait(false);
        if (entity is null)
        {
            return LaneRow.Absent;
        }

        var text = LargeStringProperty.Read(entity, EntriesProperty) ?? string.Empty;
        return new LaneRow(entity.ETag.ToString(), [.. text.Split('\n', StringSplitOptions.RemoveEmptyEntries)]);
    }

    private static TableEntity ToEntity(LaneKey key, LaneRow row)
    {
        var entity = new TableEntity(key.PartitionKey, key.Api);
        LargeStringProperty.Write(entity, EntriesProperty, string.Join('\n', row.Entries), MaxChunks);
        return entity;
    }

    private void Remember(LaneKey key, LaneRow row)
    {
        if (_known.Count >= KnownCapacity && !_known.ContainsKey(key))
        {
            _known.Clear();
        }

        _known[key] = row;
    }
}

/// <summary>One order lane: an authorizer (or <c>component</c>) and an api.</summary>
internal readonly record struct LaneKey(string AuthorizerKey, string Api)
{
    public const string PartitionPrefix = "lanes|";

    /// <summary>The lane of <paramref name="record"/>.</summary>
    public static LaneKey Of(CommandRecord record) => new(CommandIndexKeys.AuthorizerKey(record), record.Api);

    /// <summary>The row's partition: one per authorizer, so lanes spread as the authorizers do.</summary>
    public string PartitionKey => PartitionPrefix + AuthorizerKey;

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

    /// <summary>This lane with <paramref name="entry"/> in its place.</summary>
    public LaneRow With(string entry)
    {
        var index = Entries.BinarySearch(entry, StringComparer.Ordinal);
        return this with { Entries = Entries.Insert(index < 0 ? ~index : index, entry) };
    }

    /// <summary>This lane without the entries of <paramref name="commandIds"/>.</summary>
    public LaneRow Without(IReadOnlyCollection<string> commandIds) =>
        this with { Entries = [.. Entries.Where(e => !commandIds.Contains(CommandIdOf(e)))] };

    /// <summary>The id of the first command after <paramref name="entry"/>'s place, or null.</summary>
    public string? After(string entry) => Entries.FirstOrDefault(e => string.CompareOrdinal(e, entry) > 0) is { } next ? CommandIdOf(next) : null;

    private static string CommandIdOf(string entry) => entry[(TicksLength + 1)..];
}
