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
/// The authorizers' by-state rows spread over <see cref="CountedStateIndex.PartitionShards"/> partitions per state
/// (issue 16: every state change of the fleet wrote to one partition per state), listed and counted over them, and
/// those stored before moved.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class CountedStateIndexShardTests(AzuriteFixture azurite)
{
    private readonly string _prefix = AzuriteFixture.UniqueName("s");

    [Fact]
    public async Task TryUpsertAsync_64Authorizers_Issue16_RowsAndCountsSpreadOverTheShardsNoneAboveTwiceItsShare()
    {
        var sut = CreateSut();
        await Parallel.ForEachAsync(Enumerable.Range(0, 64), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
            Assert.NotNull(await sut.TryUpsertAsync(Revoked(AppId("spread", i)), ct)));

        var rows = (await StateRowsAsync(AuthorizerState.Revoked)).Where(r => !IsCount(r)).ToList();

        Assert.Equal(64, rows.Count);
        Assert.All(rows, row => Assert.Equal(CountedStateIndex.PartitionOf(row.RowKey, AuthorizerState.Revoked), row.PartitionKey));
        var perPartition = rows.GroupBy(r => r.PartitionKey).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(perPartition.Count >= CountedStateIndex.PartitionShards - 1, $"partitions: {string.Join(", ", perPartition)}");
        Assert.All(perPartition.Values, count => Assert.True(count <= 2 * 64 / CountedStateIndex.PartitionShards, $"partitions: {string.Join(", ", perPartition)}"));
        Assert.Equal(64, await sut.CountAsync(AuthorizerState.Revoked));
    }

    [Fact]
    public async Task ListAsync_RowsOverTheShards_PagesByAppIdNoneMissedNoneTwice()
    {
        var sut = CreateSut();
        var expected = Enumerable.Range(0, 22).Select(i => AppId("page", (i * 7) % 22)).ToList();
        foreach (var appId in expected)
        {
            await sut.TryUpsertAsync(Revoked(appId));
        }

        await sut.TryUpsertAsync(new AuthorizerRecord { AppId = AppId("active", 0), State = AuthorizerState.Active });
        var seen = new List<string>();
        var pages = 0;
        string? continuation = null;
        do
        {
            var page = await sut.ListAsync(AuthorizerState.Revoked, 5, continuation);
            seen.AddRange(page.Items.Select(r => r.AppId));
            continuation = page.Continuation;
            pages++;
        }
        while (continuation is not null && pages < 20);

        Assert.True((await StateRowsAsync(AuthorizerState.Revoked)).Select(r => r.PartitionKey).Distinct().Count() > 1);
        Assert.Equal(expected.Order(StringComparer.Ordinal), seen);
        Assert.Equal(5, pages); // 5 + 5 + 5 + 5 + 2, the last saying there is no more.
    }

    [Fact]
    public async Task ImportAsync_AuthorizersOverTheShards_CountedOverThem()
    {
        var sut = CreateSut();
        var records = Enumerable.Range(0, 150).Select(i => Revoked(AppId("import", i))).ToList();

        await sut.ImportAsync(records);

        Assert.Equal(150, await sut.CountAsync(AuthorizerState.Revoked));
        var rows = await StateRowsAsync(AuthorizerState.Revoked);
        Assert.All(rows.Where(r => !IsCount(r)), row => Assert.Equal(CountedStateIndex.PartitionOf(row.RowKey, AuthorizerState.Revoked), row.PartitionKey));
        Assert.True(rows.Where(IsCount).Select(r => r.PartitionKey).Distinct().Count() > 1);
    }

    [Fact]
    public async Task EnsureCreatedAsync_RowsInTheOnePartitionPerStateOfBefore_MovedOnceAndStillListedCounted()
    {
        var before = CreateSut();
        var revoked = Enumerable.Range(0, 12).Select(i => AppId("old", i)).ToList();
        foreach (var appId in revoked)
        {
            await before.TryUpsertAsync(Revoked(appId));
        }

        var legacy = await StoreAsBeforeAsync(AuthorizerState.Revoked);

        var tables = Tables();
        var sut = new TableAuthorizerRegistry(tables, NullLogger<TableAuthorizerRegistry>.Instance);
        var listed = await sut.ListAsync(AuthorizerState.Revoked, 100, null);
        var count = await sut.CountAsync(AuthorizerState.Revoked);
        await sut.TryUpsertAsync((await sut.GetAsync(revoked[0]))! with { State = AuthorizerState.Active });

        Assert.True(legacy > 12);
        Assert.Equal(revoked, listed.Items.Select(r => r.AppId));
        Assert.Equal(12, count);
        Assert.Equal(11, await sut.CountAsync(AuthorizerState.Revoked));
        Assert.Empty(await RowsAsync(TableClient.CreateQueryFilter($"PartitionKey eq {AuthorizerEntityMapper.LegacyStatePartition(AuthorizerState.Revoked)}")));
        Assert.All((await StateRowsAsync(AuthorizerState.Revoked)).Where(IsCount), row => Assert.Equal(
            CountedStateIndex.PartitionOfCountShard(AuthorizerState.Revoked, int.Parse(row.RowKey[^2..], CultureInfo.InvariantCulture)), row.PartitionKey));
        Assert.Equal(0, await AuthorizerStatePartitionMigration.RunAsync(tables.Authorizers, CancellationToken.None));
    }

    /// <summary>
    /// Puts every by-state row of <paramref name="state"/>, count rows too, back into the one partition of before and
    /// drops the migration's marker, as a table of before has none; returns the rows put back.
    /// </summary>
    private async Task<int> StoreAsBeforeAsync(AuthorizerState state)
    {
        var table = Tables().Authorizers;
        var moved = 0;
        foreach (var row in await StateRowsAsync(state))
        {
            await table.AddEntityAsync(RowKeyMigration.CopyOf(row, AuthorizerEntityMapper.LegacyStatePartition(state), row.RowKey));
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey);
            moved++;
        }

        await table.DeleteEntityAsync(LayoutMarker.Partition, AuthorizerStatePartitionMigration.MarkerRowKey);
        return moved;
    }

    private static bool IsCount(TableEntity row) => row.RowKey.StartsWith(CountedStateIndex.CountRowKey, StringComparison.Ordinal);

    private static string AppId(string kind, int i) => string.Create(CultureInfo.InvariantCulture, $"wx{kind}{i:D4}");

    private static AuthorizerRecord Revoked(string appId) => new() { AppId = appId, State = AuthorizerState.Revoked };

    /// <summary>The rows of <paramref name="state"/>'s shards (a scan of their partitions; tests only).</summary>
    private Task<List<TableEntity>> StateRowsAsync(AuthorizerState state)
    {
        var prefix = AuthorizerEntityMapper.LegacyStatePartition(state) + "|";
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

    private TableAuthorizerRegistry CreateSut() => new(Tables(), NullLogger<TableAuthorizerRegistry>.Instance);
}
