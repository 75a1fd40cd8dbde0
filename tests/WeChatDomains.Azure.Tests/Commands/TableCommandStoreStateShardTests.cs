using System.Buffers.Text;
using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WeChatDomains.Azure.Commands;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Azure.Tests.TableStorage;
using WeChatDomains.Core.Status;
using WeChatDomains.Testing;
using static WeChatDomains.Azure.Tests.Commands.CommandStoreTestData;

namespace WeChatDomains.Azure.Tests.Commands;

/// <summary>
/// The Failed and Deferred pointers spread over <see cref="CommandIndexKeys.StateShards"/> partitions (issue 16: every
/// deferral and failure of the fleet wrote to one partition), read back merged, and those stored before moved.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableCommandStoreStateShardTests(AzuriteFixture azurite)
{
    private readonly string _prefix = AzuriteFixture.UniqueName("t");
    private readonly FakeTimeProvider _time = new(T0);

    [Fact]
    public async Task TryReplaceAsync_64CommandsFailed_Issue16_RowsSpreadOverTheShardsNoneAboveTwiceItsShare()
    {
        var sut = CreateSut();
        for (var i = 0; i < 64; i++)
        {
            await FailAsync(sut, Id("spread", i), T0.AddSeconds(-i));
        }

        var rows = await StateRowsAsync(CommandState.Failed);

        Assert.Equal(64, rows.Count);
        var perPartition = rows.GroupBy(r => r.PartitionKey).ToDictionary(g => g.Key, g => g.Count());
        Assert.True(perPartition.Count >= CommandIndexKeys.StateShards - 1, $"partitions: {string.Join(", ", perPartition)}");
        Assert.All(perPartition.Values, count => Assert.True(count <= 2 * 64 / CommandIndexKeys.StateShards, $"partitions: {string.Join(", ", perPartition)}"));
    }

    [Fact]
    public async Task ListByStateAsync_FailedOverTheShards_PagesInTimeOrderNoneMissedNoneTwice()
    {
        var sut = CreateSut();
        var expected = new List<(DateTimeOffset At, string Id)>();
        for (var i = 0; i < 24; i++)
        {
            var completedAt = T0.AddMinutes(-((i * 7) % 12)); // Two commands each minute, so ties are ordered by commandId.
            expected.Add((completedAt, (await FailAsync(sut, Id("page", i), completedAt)).CommandId));
        }

        await FailAsync(sut, Id("outside", 0), T0.AddHours(-2));
        var seen = new List<string>();
        var continuations = new List<string?>();
        string? continuation = null;
        do
        {
            var page = await sut.ListByStateAsync(CommandState.Failed, T0.AddHours(-1), T0.AddMinutes(1), 4, continuation);
            Assert.Equal(4, page.Items.Count);
            seen.AddRange(page.Items.Select(r => r.CommandId));
            continuation = page.Continuation;
            continuations.Add(continuation);
        }
        while (continuation is not null && continuations.Count < 20);

        Assert.True((await StateRowsAsync(CommandState.Failed)).Select(r => r.PartitionKey).Distinct().Count() > 1);
        Assert.Equal(expected.OrderBy(e => e.At).ThenBy(e => e.Id, StringComparer.Ordinal).Select(e => e.Id), seen);
        Assert.Equal(6, continuations.Count); // Six full pages, the last saying there is no more (not a seventh, empty one).
        Assert.All(continuations[..^1], Assert.NotNull);
    }

    [Fact]
    public async Task ListByStateAsync_TokenNotIssuedByTheStore_Throws()
    {
        var notARowKey = Base64Url.EncodeToString("1!state|Failed 1!0639316968995094887|cmd"u8);

        await Assert.ThrowsAsync<ArgumentException>(() => CreateSut().ListByStateAsync(CommandState.Failed, T0, T0, 10, notARowKey));
    }

    [Fact]
    public async Task ListDueAsync_DeferralsOverTheShards_EarliestTimerOnesFirstAtMostMax()
    {
        var sut = CreateSut();
        var timer = new List<(DateTimeOffset Due, string Id)>();
        for (var i = 0; i < 16; i++)
        {
            var due = T0.AddMinutes(-((i * 5) % 16) - 1);
            var wake = i % 4 == 0 ? DeferralWake.Queue : DeferralWake.Timer;
            var deferred = await DeferAsync(sut, Id("due", i), due, wake);
            if (wake == DeferralWake.Timer)
            {
                timer.Add((due, deferred.CommandId));
            }
        }

        await DeferAsync(sut, Id("later", 0), T0.AddMinutes(1));

        var due5 = await sut.ListDueAsync(T0, 5);

        Assert.True((await StateRowsAsync(CommandState.Deferred)).Select(r => r.PartitionKey).Distinct().Count() > 1);
        Assert.Equal(timer.OrderBy(t => t.Due).Take(5).Select(t => t.Id), due5.Select(r => r.CommandId));
    }

    [Fact]
    public async Task ListDueAsync_FirstRowsStaleInSeveralShards_RemovedAndTheScanGoesOnToTheDueOnes()
    {
        var sut = CreateSut();
        for (var i = 0; i < 3; i++)
        {
            var moved = await DeferAsync(sut, Id("stale", i), T0.AddMinutes(-10 + i));
            var stale = new TableEntity(StatePartition(CommandState.Deferred, moved.CommandId), CommandIndexKeys.Ticks(T0.AddMinutes(-20 + i)) + "|" + moved.CommandId)
            {
                ["CommandId"] = moved.CommandId,
                ["WakeBy"] = "Timer",
            };
            await CreateTables().CommandIndex.AddEntityAsync(stale);
        }

        var due = await sut.ListDueAsync(T0, 3);

        Assert.Equal([Id("stale", 0), Id("stale", 1), Id("stale", 2)], due.Select(r => r.CommandId));
        Assert.Equal(3, (await StateRowsAsync(CommandState.Deferred)).Count);
    }

    [Fact]
    public async Task CountProblemsAsync_RowsOverTheShards_SumsThem()
    {
        var sut = CreateSut();
        for (var i = 0; i < 20; i++)
        {
            await FailAsync(sut, Id("failed", i), T0.AddMinutes(-i));
            await DeferAsync(sut, Id("deferred", i), T0.AddMinutes(i), i % 2 == 0 ? DeferralWake.Timer : DeferralWake.Queue);
        }

        await FailAsync(sut, Id("failed-long-ago", 0), T0.AddHours(-25));

        Assert.True((await StateRowsAsync(CommandState.Failed)).Select(r => r.PartitionKey).Distinct().Count() > 1);
        Assert.Equal((20, 20), await sut.CountProblemsAsync());
    }

    [Fact]
    public async Task CountStateAsync_MoreRowsThanTheCap_CapsTheSumNotEachShard()
    {
        var sut = CreateSut();
        for (var i = 0; i < 20; i++)
        {
            await FailAsync(sut, Id("capped", i), T0.AddMinutes(-i));
        }

        var index = new CommandIndex(CreateTables().CommandIndex, NullLogger.Instance);

        Assert.Equal(5, await index.CountStateAsync(CommandState.Failed, null, 5, CancellationToken.None));
        Assert.Equal(20, await index.CountStateAsync(CommandState.Failed, null, 21, CancellationToken.None));
    }

    [Fact]
    public async Task EnsureCreatedAsync_RowsInTheOnePartitionPerStateOfBefore_MovedOnceAndStillListedCountedReleased()
    {
        var before = CreateSut();
        var failed = new List<string>();
        var due = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            failed.Add((await FailAsync(before, Id("old-failed", i), T0.AddMinutes(-i - 1))).CommandId);
            due.Add((await DeferAsync(before, Id("old-due", i), T0.AddMinutes(-i - 1))).CommandId);
        }

        await DeferAsync(before, Id("old-queue", 0), T0.AddMinutes(-1), DeferralWake.Queue);
        var legacy = await StoreAsBeforeAsync(keepShardedRowOf: failed[0]);

        var tables = CreateTables();
        var sut = new TableCommandStore(tables, _time, NullLogger<TableCommandStore>.Instance);
        var listed = await sut.ListByStateAsync(CommandState.Failed, T0.AddHours(-1), T0, 10, null);
        var counts = await sut.CountProblemsAsync();
        var released = await sut.ListDueAsync(T0, 10);

        Assert.Equal(13, legacy);
        Assert.Equal(Enumerable.Reverse(failed), listed.Items.Select(r => r.CommandId));
        Assert.Equal((6, 7), counts);
        Assert.Equal(Enumerable.Reverse(due), released.Select(r => r.CommandId));
        foreach (var state in CommandIndexKeys.IndexedStates)
        {
            Assert.Empty(await RowsAsync(tables.CommandIndex, TableClient.CreateQueryFilter($"PartitionKey eq {CommandIndexKeys.LegacyStatePartition(state)}")));
        }

        Assert.Equal(0, await StatePartitionMigration.RunAsync(tables.CommandIndex, CancellationToken.None));
    }

    /// <summary>
    /// Puts every state row back into the one partition per state of before (one Failed command's row in both places, as
    /// a repair by this version would leave it) and drops the marker, as a table of before has none; returns the rows put back.
    /// </summary>
    private async Task<int> StoreAsBeforeAsync(string keepShardedRowOf)
    {
        var index = CreateTables().CommandIndex;
        var moved = 0;
        foreach (var state in CommandIndexKeys.IndexedStates)
        {
            foreach (var row in await StateRowsAsync(state))
            {
                await index.AddEntityAsync(RowKeyMigration.CopyOf(row, CommandIndexKeys.LegacyStatePartition(state), row.RowKey));
                if (row.GetString(CommandIndexKeys.CommandIdProperty) != keepShardedRowOf)
                {
                    await index.DeleteEntityAsync(row.PartitionKey, row.RowKey);
                }

                moved++;
            }
        }

        await index.DeleteEntityAsync(LayoutMarker.Partition, StatePartitionMigration.MarkerRowKey);
        return moved;
    }

    private static string Id(string kind, int i) => string.Create(CultureInfo.InvariantCulture, $"cmd-{kind}-{i:D2}");

    private static async Task<CommandRecord> FailAsync(TableCommandStore sut, string commandId, DateTimeOffset completedAt)
    {
        var inserted = (await sut.TryInsertAsync(NewCommand() with { CommandId = commandId }))!;
        return (await sut.TryReplaceAsync(inserted with { State = CommandState.Failed, CompletedAt = completedAt }))!;
    }

    private static async Task<CommandRecord> DeferAsync(TableCommandStore sut, string commandId, DateTimeOffset due, DeferralWake wake = DeferralWake.Timer)
    {
        var inserted = (await sut.TryInsertAsync(NewCommand() with { CommandId = commandId }))!;
        return (await sut.TryReplaceAsync(Deferred(inserted, due, wake)))!;
    }

    /// <summary>The rows of <paramref name="state"/>'s shards (a scan of their partitions; tests only).</summary>
    private Task<List<TableEntity>> StateRowsAsync(CommandState state)
    {
        var prefix = CommandIndexKeys.LegacyStatePartition(state) + "|";
        return RowsAsync(CreateTables().CommandIndex, TableClient.CreateQueryFilter($"PartitionKey gt {prefix} and PartitionKey lt {prefix + "~"}"));
    }

    private static async Task<List<TableEntity>> RowsAsync(TableClient table, string filter)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter))
        {
            rows.Add(row);
        }

        return rows;
    }

    private TableStorageTables CreateTables() => new(new TableServiceClient(azurite.ConnectionString), _prefix);

    private TableCommandStore CreateSut() => new(CreateTables(), _time, NullLogger<TableCommandStore>.Instance);
}
