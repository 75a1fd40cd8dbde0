using System.Globalization;
using Azure;
using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;

namespace WeChatDomains.Azure.Authorizers;

/// <summary>
/// The index of Active authorizers by access-token time, in the <c>authorizers</c> table, spread over <see cref="Shards"/>
/// partitions <c>tokens|{shard:D2}</c>, the shard chosen by the appid (<see cref="PartitionOf"/>). Each indexed
/// authorizer has two rows, in its shard, always added and removed together in one entity-group transaction:
/// <c>due|{ticks}|{appid}</c>, ordered by when its refresh comes due (expiry minus its refresh slot offset; no known
/// expiry sorts first, ticks 0), which the sweep reads up to its due time; and <c>exp|{ticks}|{appid}</c>, ordered by
/// expiry (only when the expiry is known), whose first row is the soonest expiry. Rows are added before the record is
/// written and the previous pair removed after, so a crash leaves an extra row (found stale when read against the record,
/// and removed), never a record without its rows. A reader queries the shards in parallel and merges by RowKey, which
/// sorts by time then appid in every shard alike (<see cref="ShardedPartitions"/>); a page of due rows goes on after the
/// last RowKey it returned. Rows stored before, all in partition <see cref="LegacyPartition"/>, move to their shard once
/// at start (<see cref="TokenPartitionMigration"/>). The marker row <see cref="BackfilledRowKey"/>, still in
/// <see cref="LegacyPartition"/>, says every record written before this index existed has been indexed.
/// </summary>
internal sealed class TokenExpiryIndex(TableStorageTables tables)
{
    /// <summary>
    /// Partitions the rows spread over. In one partition every token refresh of the fleet was three transactions there
    /// (the new pair twice, the old pair removed), and a partition serves about 2,000 entities/s; 8 keeps a sweep page,
    /// the due times and the soonest expiry at 8 small queries run in parallel. Part of the stored layout: a row is found
    /// only under the shard this number gives its appid, so changing it needs a move of the rows like
    /// <see cref="TokenPartitionMigration"/>.
    /// </summary>
    public const int Shards = 8;

    /// <summary>
    /// The one partition of the index rows before <see cref="Shards"/>; it now holds only the marker row
    /// <see cref="BackfilledRowKey"/>. No appid has this form.
    /// </summary>
    public const string LegacyPartition = "tokens";

    /// <summary>RowKey of the marker written once every record has been indexed; sorts after every index row.</summary>
    public const string BackfilledRowKey = "~backfilled";

    /// <summary>The property holding a row's appid (its shard's key).</summary>
    public const string AppIdProperty = "AppId";

    /// <summary>Records per page when indexing those stored before the index existed.</summary>
    public const int BackfillPageSize = 1000;

    /// <summary>Authorizers per transaction of <see cref="AddManyAsync"/> (two rows each; a transaction holds at most 100).</summary>
    public const int ImportBatch = 50;

    private const int MaxRemoveAttempts = 3;
    private const int TicksDigits = 19;
    private const string TicksFormat = "D19";
    private const string RowKeyProperty = "RowKey";
    private const string DuePrefix = "due|";
    private const string ExpiryPrefix = "exp|";
    private const string ExpiresAtProperty = "ExpiresAt";
    private const string DueAtProperty = "DueAt";

    private TableClient Table => tables.Authorizers;

    /// <summary>One index row as read: the appid and times it was written for (null: no known expiry), its keys and ETag.</summary>
    public sealed record Row(string AppId, DateTimeOffset? ExpiresAt, DateTimeOffset? DueAt, string PartitionKey, string RowKey, ETag ETag);

    /// <summary>Every partition of the index rows, shard 0 first.</summary>
    public static IReadOnlyList<string> Partitions { get; } = [.. Enumerable.Range(0, Shards).Select(Partition)];

    /// <summary>The partition of <paramref name="appId"/>'s rows (<see cref="ShardedPartitions.Shard"/> of the appid).</summary>
    public static string PartitionOf(string appId) => Partition(ShardedPartitions.Shard(appId, Shards));

    /// <summary>The partition of the rows of <paramref name="shard"/>.</summary>
    public static string Partition(int shard) => string.Create(CultureInfo.InvariantCulture, $"{LegacyPartition}|{shard:D2}");

    /// <summary>The rows (keys) of an authorizer whose token expires at <paramref name="expiresAt"/> and comes due at <paramref name="dueAt"/>.</summary>
    public static (string Due, string? Expiry) KeysOf(string appId, DateTimeOffset? expiresAt, DateTimeOffset? dueAt) =>
        (DuePrefix + Ticks(dueAt) + "|" + appId, expiresAt is null ? null : ExpiryPrefix + Ticks(expiresAt) + "|" + appId);

    /// <summary>Whether the marker row says every record has been indexed (one point read).</summary>
    public async Task<bool> IsBackfilledAsync(CancellationToken cancellationToken) =>
        await Table.GetOrNullAsync(LegacyPartition, BackfilledRowKey, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Writes the marker row.</summary>
    public Task MarkBackfilledAsync(CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(LegacyPartition, BackfilledRowKey), TableUpdateMode.Replace, cancellationToken);

    /// <summary>Adds (or rewrites) the rows of <paramref name="appId"/> in one transaction.</summary>
    public Task AddAsync(string appId, DateTimeOffset? expiresAt, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        var (due, expiry) = KeysOf(appId, expiresAt, dueAt);
        var keys = expiry is null ? new[] { due } : [due, expiry];
        return Table.SubmitTransactionAsync(keys.Select(key => Upsert(key, appId, expiresAt, dueAt)), cancellationToken);
    }

    /// <summary>Adds (or rewrites) the rows of many authorizers, per shard <see cref="ImportBatch"/> authorizers per transaction.</summary>
    public async Task AddManyAsync(IEnumerable<(string AppId, DateTimeOffset? ExpiresAt, DateTimeOffset? DueAt)> authorizers, CancellationToken cancellationToken)
    {
        foreach (var chunk in authorizers.GroupBy(a => PartitionOf(a.AppId), StringComparer.Ordinal).SelectMany(shard => shard.Chunk(ImportBatch)))
        {
            var actions = chunk.SelectMany(a =>
            {
                var (due, expiry) = KeysOf(a.AppId, a.ExpiresAt, a.DueAt);
                return (expiry is null ? new[] { due } : [due, expiry]).Select(key => Upsert(key, a.AppId, a.ExpiresAt, a.DueAt));
            });
            await Table.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Removes the rows of <paramref name="appId"/> for these times in one transaction, only while the row
    /// <paramref name="guardRowKey"/> still has <paramref name="guard"/> (rows written again meanwhile are kept: they
    /// belong to a newer record); rows already gone are fine.
    /// </summary>
    public async Task RemoveAsync(string appId, DateTimeOffset? expiresAt, DateTimeOffset? dueAt, string? guardRowKey, ETag guard, CancellationToken cancellationToken)
    {
        var (due, expiry) = KeysOf(appId, expiresAt, dueAt);
        var rows = (expiry is null ? new[] { due } : [due, expiry]).ToDictionary(key => key, key => key == guardRowKey ? guard : ETag.All);
        for (var attempt = 0; attempt < MaxRemoveAttempts && rows.Count > 0; attempt++)
        {
            try
            {
                await Table.SubmitTransactionAsync(
                    rows.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(PartitionOf(appId), row.Key), row.Value)),
                    cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (TableTransactionFailedException exception) when (exception.Status == TableResults.PreconditionFailed)
            {
                return;
            }
            catch (TableTransactionFailedException exception) when (exception.Status == TableResults.NotFound)
            {
                // Nothing was applied and some row is gone already: remove those still there, as they are now.
                foreach (var key in rows.Keys.ToList())
                {
                    var row = await Table.GetOrNullAsync(PartitionOf(appId), key, cancellationToken).ConfigureAwait(false);
                    if (row is null)
                    {
                        rows.Remove(key);
                    }
                    else if (key != guardRowKey)
                    {
                        rows[key] = row.ETag;
                    }
                    else if (row.ETag != guard)
                    {
                        return;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Up to <paramref name="pageSize"/> rows by due time before <paramref name="dueBy"/>, earliest first across the
    /// shards (each queried for up to <paramref name="pageSize"/> + 1 rows), after the row the continuation names; the
    /// next continuation is the last RowKey returned (opaque to callers), null when no row is left.
    /// </summary>
    public async Task<(IReadOnlyList<Row> Rows, string? Continuation)> DueAsync(DateTimeOffset dueBy, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        var after = ContinuationToken.Decode(continuation);
        if (after is not null && !IsDueRowKey(after))
        {
            throw new ArgumentException("The continuation token is not one this store issued.", nameof(continuation));
        }

        var from = after is null
            ? TableClient.CreateQueryFilter($"RowKey ge {DuePrefix}")
            : TableClient.CreateQueryFilter($"RowKey gt {after}");
        var (rows, more) = await Table.ReadMergedAsync(Filters(from + " and " + Before(DuePrefix + Ticks(dueBy))), pageSize, cancellationToken).ConfigureAwait(false);
        return ([.. rows.Select(ToRow)], more ? ContinuationToken.Encode(rows[^1].RowKey) : null);
    }

    /// <summary>
    /// The due times of the rows before <paramref name="dueBy"/>, earliest first, from their keys only (the shards in
    /// parallel, a request per shard and 1,000 rows). Each row is reduced to its ticks as it arrives: at 100,000
    /// authorizers the rows themselves, held until every shard had answered, were tens of MiB of the Host's memory.
    /// </summary>
    public async Task<IReadOnlyList<DateTimeOffset>> DueTimesAsync(DateTimeOffset dueBy, CancellationToken cancellationToken)
    {
        var range = TableClient.CreateQueryFilter($"RowKey ge {DuePrefix}") + " and " + Before(DuePrefix + Ticks(dueBy));
        var shards = await Task.WhenAll(Filters(range).Select(async filter =>
        {
            var ticks = new List<long>();
            await foreach (var row in Table.QueryAsync<TableEntity>(filter, ShardedPartitions.MaxPageSize, [RowKeyProperty], cancellationToken).ConfigureAwait(false))
            {
                ticks.Add(long.Parse(row.RowKey.AsSpan(DuePrefix.Length, TicksDigits), CultureInfo.InvariantCulture));
            }

            return ticks;
        })).ConfigureAwait(false);
        var all = shards.SelectMany(ticks => ticks).ToArray();
        Array.Sort(all); // A due row's key is its ticks, fixed width, then its appid: the order of the keys.
        return [.. all.Select(ticks => new DateTimeOffset(ticks, TimeSpan.Zero))];
    }

    /// <summary>Removes one row if it still has the ETag it was read with (gone or rewritten meanwhile: left as it is).</summary>
    public Task RemoveRowAsync(Row row, CancellationToken cancellationToken) =>
        Table.DeleteIfUnchangedAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken);

    /// <summary>The first <paramref name="count"/> rows by expiry, soonest first across the shards (a query per shard, in parallel).</summary>
    public async Task<IReadOnlyList<Row>> SoonestAsync(int count, CancellationToken cancellationToken)
    {
        var range = TableClient.CreateQueryFilter($"RowKey ge {ExpiryPrefix}") + " and " + Before(ExpiryPrefix + "~");
        var (rows, _) = await Table.ReadMergedAsync(Filters(range), count, cancellationToken).ConfigureAwait(false);
        return [.. rows.Select(ToRow)];
    }

    /// <summary>Whether <paramref name="rowKey"/> has the form of a due row's key (<c>due|{ticks:D19}|{appid}</c>).</summary>
    private static bool IsDueRowKey(string rowKey) =>
        rowKey.Length > DuePrefix.Length + TicksDigits + 1
        && rowKey.StartsWith(DuePrefix, StringComparison.Ordinal)
        && rowKey[DuePrefix.Length + TicksDigits] == '|'
        && rowKey.AsSpan(DuePrefix.Length, TicksDigits).IndexOfAnyExceptInRange('0', '9') < 0;

    private static IEnumerable<string> Filters(string rowFilter) =>
        Partitions.Select(partition => TableClient.CreateQueryFilter($"PartitionKey eq {partition}") + " and " + rowFilter);

    private static string Before(string rowKey) => TableClient.CreateQueryFilter($"RowKey lt {rowKey}");

    private static Row ToRow(TableEntity e) =>
        new(e.GetString(AppIdProperty), e.GetDateTimeOffset(ExpiresAtProperty), e.GetDateTimeOffset(DueAtProperty), e.PartitionKey, e.RowKey, e.ETag);

    private static TableTransactionAction Upsert(string rowKey, string appId, DateTimeOffset? expiresAt, DateTimeOffset? dueAt)
    {
        var entity = new TableEntity(PartitionOf(appId), rowKey) { [AppIdProperty] = appId };
        if (expiresAt is not null)
        {
            entity[ExpiresAtProperty] = expiresAt.Value;
            entity[DueAtProperty] = dueAt!.Value;
        }

        return new TableTransactionAction(TableTransactionActionType.UpsertReplace, entity);
    }

    private static string Ticks(DateTimeOffset? at) =>
        (at is null ? 0 : Math.Max(0, at.Value.UtcTicks)).ToString(TicksFormat, CultureInfo.InvariantCulture);
}
