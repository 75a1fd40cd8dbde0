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

[Collection(AzuriteCollection.Name)]
public sealed class TableCommandStoreQueryTests(AzuriteFixture azurite)
{
    private readonly TableStorageTables _tables = TestTables.Create(azurite);
    private readonly FakeTimeProvider _time = new(T0);

    [Fact]
    public async Task ListDueAsync_Mixed_ReturnsOnlyDueTimerDeferralsEarliestFirst()
    {
        var sut = CreateSut();
        var later = await DeferAsync(sut, T0.AddMinutes(-1));
        var earlier = await DeferAsync(sut, T0.AddMinutes(-5));
        var exactlyNow = await DeferAsync(sut, T0);
        await DeferAsync(sut, T0.AddMinutes(-2), DeferralWake.Queue);
        await DeferAsync(sut, T0.AddMinutes(1));

        var due = await sut.ListDueAsync(T0, 10);

        Assert.Equal([earlier.CommandId, later.CommandId, exactlyNow.CommandId], due.Select(r => r.CommandId));
    }

    [Fact]
    public async Task ListDueAsync_Max_ReturnsAtMostMax()
    {
        var sut = CreateSut();
        for (var i = 0; i < 3; i++)
        {
            await DeferAsync(sut, T0.AddMinutes(-i));
        }

        Assert.Equal(2, (await sut.ListDueAsync(T0, 2)).Count);
    }

    [Fact]
    public async Task ListDueAsync_StalePointer_IgnoredAndRemoved()
    {
        var sut = CreateSut();
        var inserted = (await sut.TryInsertAsync(NewCommand()))!;
        await sut.TryReplaceAsync(inserted with { State = CommandState.Running });
        var staleRowKey = CommandIndexKeys.Ticks(T0.AddMinutes(-1)) + "|" + inserted.CommandId;
        await _tables.CommandIndex.AddEntityAsync(new TableEntity(StatePartition(CommandState.Deferred, inserted.CommandId), staleRowKey) { ["CommandId"] = inserted.CommandId, ["WakeBy"] = "Timer" });
        await _tables.CommandIndex.AddEntityAsync(new TableEntity(StatePartition(CommandState.Deferred, "ghost"), CommandIndexKeys.Ticks(T0.AddMinutes(-2)) + "|ghost") { ["CommandId"] = "ghost", ["WakeBy"] = "Timer" });

        var due = await sut.ListDueAsync(T0, 10);

        Assert.Empty(due);
        Assert.Equal(0, (await sut.CountProblemsAsync()).Deferred);
    }

    [Fact]
    public async Task ListByAuthorizerAsync_ManyCommands_PagesNewestFirst()
    {
        var sut = CreateSut();
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add((await sut.TryInsertAsync(Received(NewCommand(createdAt: T0.AddMinutes(i)))))!.CommandId);
        }

        await sut.TryInsertAsync(Received(NewCommand(appId: "wxother000000000000")));

        var seen = new List<string>();
        var pages = 0;
        string? continuation = null;
        do
        {
            var page = await sut.ListByAuthorizerAsync(AppId, 2, continuation);
            Assert.True(page.Items.Count <= 2);
            seen.AddRange(page.Items.Select(r => r.CommandId));
            continuation = page.Continuation;
            pages++;
        }
        while (continuation is not null && pages < 10);

        ids.Reverse();
        Assert.Equal(ids, seen);
        Assert.True(pages >= 3);
    }

    [Fact]
    public async Task ListByAuthorizerAsync_Component_ListsPlatformCommands()
    {
        var sut = CreateSut();
        var platform = (await sut.TryInsertAsync(Received(NewCommand(appId: null, api: "modify_wxa_jump_domain"))))!;

        var page = await sut.ListByAuthorizerAsync("component", 10, null);

        Assert.Equal([platform], page.Items);
        Assert.Null(page.Continuation);
    }

    [Fact]
    public async Task ListByStateAsync_Failed_ReturnsOnlyTheWindow()
    {
        var sut = CreateSut();
        await FailAsync(sut, T0.AddHours(-2));
        var inside = await FailAsync(sut, T0.AddMinutes(-30));
        await FailAsync(sut, T0);

        var page = await sut.ListByStateAsync(CommandState.Failed, T0.AddHours(-1), T0, 10, null);

        Assert.Equal([inside.CommandId], page.Items.Select(r => r.CommandId));
    }

    [Fact]
    public async Task ListByStateAsync_StalePointer_Skipped()
    {
        var sut = CreateSut();
        var stays = await DeferAsync(sut, T0.AddMinutes(5));
        var moves = await DeferAsync(sut, T0.AddMinutes(6));
        await _tables.CommandIndex.UpsertEntityAsync(new TableEntity(StatePartition(CommandState.Deferred, moves.CommandId), CommandIndexKeys.Ticks(T0.AddMinutes(7)) + "|" + moves.CommandId) { ["CommandId"] = moves.CommandId, ["WakeBy"] = "Timer" });

        var page = await sut.ListByStateAsync(CommandState.Deferred, T0, T0.AddHours(1), 10, null);

        Assert.Equal([stays.CommandId, moves.CommandId], page.Items.Select(r => r.CommandId));
    }

    [Fact]
    public async Task ListByStateAsync_Running_Throws()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => CreateSut().ListByStateAsync(CommandState.Running, T0, T0, 10, null));
    }

    [Fact]
    public async Task ListLaneAsync_UnfinishedCommands_OldestReceiptFirstAndFinalOnesLeave()
    {
        var sut = CreateSut();
        var second = await ReceiveAsync(sut, T0.AddSeconds(2));
        var first = await ReceiveAsync(sut, T0.AddSeconds(1));
        var third = await ReceiveAsync(sut, T0.AddSeconds(3));
        await ReceiveAsync(sut, T0, api: "setwebviewdomain");

        var before = await sut.ListLaneAsync(AppId, "modify_domain", 10);
        await sut.TryReplaceAsync(first with { State = CommandState.Succeeded, CompletedAt = T0.AddSeconds(4) });
        var after = await sut.ListLaneAsync(AppId, "modify_domain", 10);

        Assert.Equal([first.CommandId, second.CommandId, third.CommandId], before);
        Assert.Equal([second.CommandId, third.CommandId], after);
    }

    [Fact]
    public async Task CountProblemsAsync_CountsRecentFailedAndAllDeferred()
    {
        var sut = CreateSut();
        await FailAsync(sut, T0.AddHours(-1));
        await FailAsync(sut, T0.AddHours(-25));
        await DeferAsync(sut, T0.AddMinutes(1));
        await DeferAsync(sut, T0.AddMinutes(2), DeferralWake.Queue);

        Assert.Equal((1, 2), await sut.CountProblemsAsync());
    }

    private static async Task<CommandRecord> DeferAsync(TableCommandStore sut, DateTimeOffset due, DeferralWake wake = DeferralWake.Timer)
    {
        var inserted = (await sut.TryInsertAsync(NewCommand()))!;
        return (await sut.TryReplaceAsync(Deferred(inserted, due, wake)))!;
    }

    private static async Task<CommandRecord> FailAsync(TableCommandStore sut, DateTimeOffset completedAt)
    {
        var inserted = (await sut.TryInsertAsync(NewCommand()))!;
        return (await sut.TryReplaceAsync(inserted with { State = CommandState.Failed, CompletedAt = completedAt }))!;
    }

    private static async Task<CommandRecord> ReceiveAsync(TableCommandStore sut, DateTimeOffset receivedAt, string api = "modify_domain")
    {
        var inserted = (await sut.TryInsertAsync(NewCommand(api: api)))!;
        return (await sut.TryReplaceAsync(inserted with { State = CommandState.Running, ReceivedAt = receivedAt }))!;
    }

    private TableCommandStore CreateSut() => new(_tables, _time, NullLogger<TableCommandStore>.Instance);

    /// <summary>The command as received (an authorizer lists a command once it is received).</summary>
    private static CommandRecord Received(CommandRecord record) => record with { State = CommandState.Running, ReceivedAt = record.CreatedAt };
}
