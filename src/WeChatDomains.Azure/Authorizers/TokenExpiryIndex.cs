using System.Globalization;
using Azure;
using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;

namespace WeChatDomains.Azure.Authorizers;

/// <summary>
/// The index of Active authorizers by access-token time, in partition <see cref="Partition"/> of the <c>authorizers</c>
/// table. Each indexed authorizer has two rows, always added and removed together in one entity-group transaction:
/// <c>due|{ticks}|{appid}</c>, ordered by when its refresh comes due (expiry minus its refresh slot offset; no known
/// expiry sorts first, ticks 0), which the sweep reads up to its due time; and <c>exp|{ticks}|{appid}</c>, ordered by
/// expiry (only when the expiry is known), whose first row is the soonest expiry. Rows are added before the record is
/// written and the previous pair removed after, so a crash leaves an extra row (found stale when read against the record,
/// and removed), never a record without its rows. The marker row <see cref="BackfilledRowKey"/> says every record written
/// before this index existed has been indexed.
/// </summary>
internal sealed class TokenExpiryIndex(TableStorageTables tables)
{
    /// <summary>PartitionKey of the index rows; no appid has this form.</summary>
    public const string Partition = "tokens";

    /// <summary>RowKey of the marker written once every record has been indexed; sorts after every index row.</summary>
    public const string BackfilledRowKey = "~backfilled";

    /// <summary>Records per page when indexing those stored before the index existed.</summary>
    public const int BackfillPageSize = 1000;

    /// <summary>Authorizers per transaction of <see cref="AddManyAsync"/> (two rows each; a transaction holds at most 100).</summary>
    public const int ImportBatch = 50;

    private const int MaxRemoveAttempts = 3;
    private const int KeysPageSize = 1000;
    private const int TicksDigits = 19;
    private const string TicksFormat = "D19";
    private const string RowKeyProperty = "RowKey";
    private const string DuePrefix = "due|";
    private const string ExpiryPrefix = "exp|";
    private const string AppIdProperty = "AppId";
    private const string ExpiresAtProperty = "ExpiresAt";
    private const string DueAtProperty = "DueAt";

    private TableClient Table => tables.Authorizers;

    /// <summary>One index row as read: the appid and times it was written for (null: no known expiry), its key and ETag.</summary>
    public sealed record Row(string AppId, DateTimeOffset? ExpiresAt, DateTimeOffset? DueAt, string RowKey, ETag ETag);

    /// <summary>The rows (keys) of an authorizer whose token expires at <paramref name="expiresAt"/> and comes due at <paramref name="dueAt"/>.</summary>
    public static (string Due, string? Expiry) KeysOf(string appId, DateTimeOffset? expiresAt, DateTimeOffset? dueAt) =>
        (DuePrefix + Ticks(dueAt) + "|" + appId, expiresAt is null ? null : ExpiryPrefix + Ticks(expiresAt) + "|" + appId);

    /// <summary>Whether the marker row says every record has been indexed (one point read).</summary>
    public async Task<bool> IsBackfilledAsync(CancellationToken cancellationToken) =>
        await Table.GetOrNullAsync(Partition, BackfilledRowKey, cancellationToken).ConfigureAwait(false) is not null;

    /// <summary>Writes the marker row.</summary>
    public Task MarkBackfilledAsync(CancellationToken cancellationToken) =>
        Table.UpsertEntityAsync(new TableEntity(Partition, BackfilledRowKey), TableUpdateMode.Replace, cancellationToken);

    /// <summary>Adds (or rewrites) the rows of <paramref name="appId"/> in one transaction.</summary>
    public Task AddAsync(string appId, DateTimeOffset? expiresAt, DateTimeOffset? dueAt, CancellationToken cancellationToken)
    {
        var (due, expiry) = KeysOf(appId, expiresAt, dueAt);
        var keys = expiry is null ? new[] { due } : [due, expiry];
        return Table.SubmitTransactionAsync(keys.Select(key => Upsert(key, appId, expiresAt, dueAt)), cancellationToken);
    }

    /// <summary>Adds (or rewrites) the rows of many authorizers, <see cref="ImportBatch"/> authorizers per transaction.</summary>
    public async Task AddManyAsync(IEnumerable<(string AppId, DateTimeOffset? ExpiresAt, DateTimeOffset? DueAt)> authorizers, CancellationToken cancellationToken)
    {
        foreach (var chunk in authorizers.Chunk(ImportBatch))
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
                    rows.Select(row => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(Partition, row.Key), row.Value)),
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
                    var row = await Table.GetOrNullAsync(Partition, key, cancellationToken).ConfigureAwait(false);
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

    /// <summary>Rows by due time before <paramref name="dueBy"/>, earliest first, one page of the table query.</summary>
    public Task<(IReadOnlyList<Row> Rows, string? Continuation)> DueAsync(DateTimeOffset dueBy, int pageSize, string? continuation, CancellationToken cancellationToken) =>
        PageAsync(DuePrefix, DuePrefix + Ticks(dueBy), pageSize, continuation, cancellationToken);

    /// <summary>The due times of the rows before <paramref name="dueBy"/>, earliest first, from their keys only (a request per 1,000).</summary>
    public async Task<IReadOnlyList<DateTimeOffset>> DueTimesAsync(DateTimeOffset dueBy, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {DuePrefix} and RowKey lt {DuePrefix + Ticks(dueBy)}");
        var times = new List<DateTimeOffset>();
        await foreach (var row in Table.QueryAsync<TableEntity>(filter, KeysPageSize, [RowKeyProperty], cancellationToken).ConfigureAwait(false))
        {
            times.Add(new DateTimeOffset(long.Parse(row.RowKey.AsSpan(DuePrefix.Length, TicksDigits), CultureInfo.InvariantCulture), TimeSpan.Zero));
        }

        return times;
    }

    /// <summary>Removes one row if it still has <paramref name="etag"/> (gone or rewritten meanwhile: left as it is).</summary>
    public Task RemoveRowAsync(string rowKey, ETag etag, CancellationToken cancellationToken) =>
        Table.DeleteIfUnchangedAsync(Partition, rowKey, etag, cancellationToken);

    /// <summary>The first <paramref name="count"/> rows by expiry, soonest first (one request).</summary>
    public async Task<IReadOnlyList<Row>> SoonestAsync(int count, CancellationToken cancellationToken) =>
        (await PageAsync(ExpiryPrefix, ExpiryPrefix + "~", count, null, cancellationToken).ConfigureAwait(false)).Rows;

    private async Task<(IReadOnlyList<Row> Rows, string? Continuation)> PageAsync(string from, string before, int pageSize, string? continuation, CancellationToken cancellationToken)
    {
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition} and RowKey ge {from} and RowKey lt {before}");
        var pages = Table.QueryAsync<TableEntity>(filter, pageSize, cancellationToken: cancellationToken).AsPages(ContinuationToken.Decode(continuation), pageSize);
        await foreach (var page in pages.ConfigureAwait(false))
        {
            var rows = page.Values
                .Select(e => new Row(e.GetString(AppIdProperty), e.GetDateTimeOffset(ExpiresAtProperty), e.GetDateTimeOffset(DueAtProperty), e.RowKey, e.ETag))
                .ToList();
            return (rows, ContinuationToken.Encode(page.ContinuationToken));
        }

        return ([], null);
    }

    private static TableTransactionAction Upsert(string rowKey, string appId, DateTimeOffset? expiresAt, DateTimeOffset? dueAt)
    {
        var entity = new TableEntity(Partition, rowKey) { [AppIdProperty] = appId };
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
