using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using WeChatDomains.Azure.Authorizers;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Azure.Tests.TableStorage;
using WeChatDomains.Core.Status;
using WeChatDomains.Testing;

namespace WeChatDomains.Azure.Tests.Authorizers;

/// <summary>
/// The token index rows spread over <see cref="TokenExpiryIndex.Shards"/> partitions (issue 16: every token refresh of
/// the fleet wrote to one partition), read back merged, and those stored before moved.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TokenExpiryIndexShardTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private readonly string _prefix = AzuriteFixture.UniqueName("k");

    [Theory]
    [InlineData("wxaaaaaaaaaaaaaaa1", 2)]
    [InlineData("wxaaaaaaaaaaaaaaa2", 7)]
    [InlineData("wx0123456789abcdef", 5)]
    public void PartitionOf_KnownAppIds_SameInEveryProcessAndVersion(string appId, int shard)
    {
        // A row is found only under the shard its appid had when it was written: the hash must never change.
        Assert.Equal(TokenExpiryIndex.Partition(shard), TokenExpiryIndex.PartitionOf(appId));
        Assert.Equal(string.Create(CultureInfo.InvariantCulture, $"tokens|{shard:D2}"), TokenExpiryIndex.PartitionOf(appId));
    }

    [Fact]
    public async Task TryUpsertAsync_64Authorizers_Issue16_RowsSpreadOverTheShardsNoneAboveTwiceItsShare()
    {
        var sut = CreateSut();
        await sut.GetSoonestExpiryAsync();
        await Parallel.ForEachAsync(Enumerable.Range(0, 64), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            Assert.NotNull(await sut.TryUpsertAsync(Active(AppId("spread", i), T0.AddMinutes(i)), ct)));

        var rows = await IndexRowsAsync();

        Assert.Equal(128, rows.Count);
        Assert.All(rows, row => Assert.Equal(TokenExpiryIndex.PartitionOf(row.GetString("AppId")), row.PartitionKey));
        var perPartition = rows.GroupBy(r => r.PartitionKey).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(perPartition.Count >= TokenExpiryIndex.Shards - 1, $"partitions: {string.Join(", ", perPartition)}");
        Assert.All(perPartition.Values, count => Assert.True(count <= 2 * 128 / TokenExpiryIndex.Shards, $"partitions: {string.Join(", ", perPartition)}"));
    }

    [Fact]
    public async Task ImportAsync_120Authorizers_EachPairInItsAppIdsShard()
    {
        var sut = CreateSut();
        var records = Enumerable.Range(0, 120).Select(i => Active(AppId("import", i), T0.AddMinutes(i))).ToList();

        Assert.Equal(120, await sut.ImportAsync(records));

        var rows = await IndexRowsAsync();
        Assert.Equal(240, rows.Count);
        Assert.All(rows, row => Assert.Equal(TokenExpiryIndex.PartitionOf(row.GetString("AppId")), row.PartitionKey));
        Assert.True(rows.Select(r => r.PartitionKey).Distinct().Count() > 1);
    }

    [Fact]
    public async Task DueAsync_DueOverTheShards_PagesInDueOrderNoneMissedNoneTwice()
    {
        var index = await CreateIndexAsync();
        var expected = new List<(DateTimeOffset Due, string AppId)>();
        for (var i = 0; i < 24; i++)
        {
            var due = T0.AddMinutes((i * 7) % 12); // Two authorizers each minute, so ties are ordered by appid.
            await index.AddAsync(AppId("page", i), due.AddMinutes(5), due, default);
            expected.Add((due, AppId("page", i)));
        }

        await index.AddAsync(AppId("later", 0), T0.AddHours(2), T0.AddHours(1), default);
        var seen = new List<string>();
        var continuations = new List<string?>();
        string? continuation = null;
        do
        {
            var (rows, next) = await index.DueAsync(T0.AddMinutes(30), 4, continuation, default);
            Assert.Equal(4, rows.Count);
            seen.AddRange(rows.Select(r => r.AppId));
            continuation = next;
            continuations.Add(continuation);
        }
        while (continuation is not null && continuations.Count < 20);

        Assert.True((await IndexRowsAsync()).Select(r => r.PartitionKey).Distinct().Count() > 1);
        Assert.Equal(expected.OrderBy(e => e.Due).ThenBy(e => e.AppId, StringComparer.Ordinal).Select(e => e.AppId), seen);
        Assert.Equal(6, continuations.Count); // Six full pages, the last saying there is no more (not a seventh, empty one).
        Assert.All(continuations[..^1], Assert.NotNull);
    }

    [Fact]
    public async Task ListDueAsync_DueOverTheShards_EveryDueAuthorizerOnceAcrossPages()
    {
        var sut = CreateSut();
        var due = Enumerable.Range(0, 20).Select(i => AppId("due", i)).ToList();
        foreach (var appId in due)
        {
            await sut.TryUpsertAsync(Active(appId, T0.AddMinutes(10)));
        }

        await sut.TryUpsertAsync(Active(AppId("notdue", 0), T0.AddHours(5)));
        var seen = new List<string>();
        string? continuation = null;
        var pages = 0;
        do
        {
            var page = await sut.ListDueAsync(T0.AddHours(1), 3, continuation);
            seen.AddRange(page.Items.Select(r => r.AppId));
            continuation = page.Continuation;
        }
        while (continuation is not null && ++pages < 20);

        Assert.Equal(due, seen.Order(StringComparer.Ordinal));
        Assert.Equal(7, pages + 1);
    }

    [Fact]
    public async Task DueAsync_TokenNotIssuedByTheIndex_Throws()
    {
        var notARowKey = ContinuationToken.Encode("1!tokens 1!due|x")!;

        var index = await CreateIndexAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => index.DueAsync(T0, 10, notARowKey, default));
    }

    [Fact]
    public async Task DueTimesAsync_DueOverTheShards_AllTimesInOrder()
    {
        var index = await CreateIndexAsync();
        var expected = new List<DateTimeOffset>();
        for (var i = 0; i < 40; i++)
        {
            var due = T0.AddSeconds((i * 37) % 40);
            await index.AddAsync(AppId("times", i), due.AddMinutes(5), due, default);
            expected.Add(due);
        }

        await index.AddAsync(AppId("times-later", 0), T0.AddHours(2), T0.AddHours(1), default);

        var times = await index.DueTimesAsync(T0.AddMinutes(1), default);

        Assert.True((await IndexRowsAsync()).Select(r => r.PartitionKey).Distinct().Count() > 1);
        Assert.Equal(expected.Order(), times);
    }

    [Fact]
    public async Task SoonestAsync_ExpiriesOverTheShards_TheSoonestAcrossThem()
    {
        var index = await CreateIndexAsync();
        var expected = new List<(DateTimeOffset Expiry, string AppId)>();
        for (var i = 0; i < 16; i++)
        {
            var expiry = T0.AddMinutes(60 - ((i * 5) % 16));
            await index.AddAsync(AppId("soon", i), expiry, expiry.AddMinutes(-10), default);
            expected.Add((expiry, AppId("soon", i)));
        }

        var soonest = await index.SoonestAsync(3, default);

        var wanted = expected.OrderBy(e => e.Expiry).ThenBy(e => e.AppId, StringComparer.Ordinal).Take(3).Select(e => e.AppId).ToList();
        Assert.True(wanted.Select(TokenExpiryIndex.PartitionOf).Distinct().Count() > 1);
        Assert.Equal(wanted, soonest.Select(r => r.AppId));
    }

    [Fact]
    public async Task EnsureCreatedAsync_RowsInTheOnePartitionOfBefore_MovedOnceAndStillFound()
    {
        var before = CreateSut();
        await before.GetSoonestExpiryAsync(); // Indexed from the start: the backfill marker is written.
        var appIds = Enumerable.Range(0, 6).Select(i => AppId("old", i)).ToList();
        for (var i = 0; i < appIds.Count; i++)
        {
            await before.TryUpsertAsync(Active(appIds[i], T0.AddMinutes(10 + i)));
        }

        await before.TryUpsertAsync(new AuthorizerRecord { AppId = AppId("old-noexpiry", 0), State = AuthorizerState.Active });
        var legacy = await StoreAsBeforeAsync(keepShardedRowsOf: appIds[0]);
        var backfilled = (await Tables().Authorizers.GetEntityAsync<TableEntity>(TokenExpiryIndex.LegacyPartition, TokenExpiryIndex.BackfilledRowKey)).Value;

        var tables = Tables();
        var sut = new TableAuthorizerRegistry(tables, NullLogger<TableAuthorizerRegistry>.Instance);
        var due = await sut.ListDueAsync(T0.AddHours(3), 100, null);
        var soonest = await sut.GetSoonestExpiryAsync();
        var times = await sut.ListDueTimesAsync(T0.AddHours(3));

        Assert.Equal(13, legacy);
        Assert.Equal([AppId("old-noexpiry", 0), .. appIds], due.Items.Select(r => r.AppId).Order(StringComparer.Ordinal));
        Assert.Equal(T0.AddMinutes(10), soonest);
        Assert.Equal(7, times.Count);
        var left = await RowsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {TokenExpiryIndex.LegacyPartition}"));
        Assert.Equal(backfilled.ETag, Assert.Single(left).ETag); // The backfill marker alone, not written again.
        Assert.Equal(13, (await IndexRowsAsync()).Count);
        Assert.Equal(0, await TokenPartitionMigration.RunAsync(tables.Authorizers, CancellationToken.None));
    }

    /// <summary>
    /// Puts every index row back into the one partition of before (one authorizer's rows in both places, as a write by
    /// this version would leave them) and drops the migration's marker, as a table of before has none; returns the rows
    /// put back.
    /// </summary>
    private async Task<int> StoreAsBeforeAsync(string keepShardedRowsOf)
    {
        var table = Tables().Authorizers;
        var moved = 0;
        foreach (var row in await IndexRowsAsync())
        {
            await table.AddEntityAsync(RowKeyMigration.CopyOf(row, TokenExpiryIndex.LegacyPartition, row.RowKey));
            if (row.GetString("AppId") != keepShardedRowsOf)
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
            }

            moved++;
        }

        await table.DeleteEntityAsync(LayoutMarker.Partition, TokenPartitionMigration.MarkerRowKey);
        return moved;
    }

    private static string AppId(string kind, int i) => string.Create(CultureInfo.InvariantCulture, $"wx{kind}{i:D4}");

    private static AuthorizerRecord Active(string appId, DateTimeOffset expiresAt) =>
        new() { AppId = appId, State = AuthorizerState.Active, AccessTokenExpiresAt = expiresAt };

    /// <summary>The rows of the index's shards (a scan of their partitions; tests only).</summary>
    private Task<List<TableEntity>> IndexRowsAsync()
    {
        var prefix = TokenExpiryIndex.LegacyPartition + "|";
        return RowsAsync(TableClient.CreateQueryFilter($"PartitionKey gt {prefix} and PartitionKey lt {prefix + "~"}"));
    }

    private async Task<List<TableEntity>> RowsAsync(string filter)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in Tables().Authorizers.QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    private TableStorageTables Tables() => new(new TableServiceClient(azurite.ConnectionString), _prefix);

    private async Task<TokenExpiryIndex> CreateIndexAsync()
    {
        var tables = Tables();
        await tables.EnsureCreatedAsync();
        return new TokenExpiryIndex(tables);
    }

    private TableAuthorizerRegistry CreateSut() => new(Tables(), NullLogger<TableAuthorizerRegistry>.Instance);
}
