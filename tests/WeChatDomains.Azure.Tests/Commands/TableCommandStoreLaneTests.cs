using Azure;
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
/// The order lane as one row per authorizer and api (issue 16): a command joins it when received and leaves it at its
/// end, each one conditional write; several processes share the row; the command after an ended one is known without a
/// query; entries of commands whose leave was lost are removed by the next reader.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableCommandStoreLaneTests(AzuriteFixture azurite)
{
    private readonly TableStorageTables _tables = TestTables.Create(azurite);

    [Fact]
    public async Task Join_FromTwoProcesses_BothInTheRowInReceiptOrder()
    {
        var first = CreateSut();
        var second = CreateSut();
        var a = await ReceiveAsync(first, T0.AddSeconds(2));
        var b = await ReceiveAsync(second, T0.AddSeconds(1));
        var c = await ReceiveAsync(first, T0.AddSeconds(3));

        Assert.Equal([b.CommandId, a.CommandId, c.CommandId], await LaneAsync(_tables, a.Api));
        Assert.Equal([b.CommandId, a.CommandId], await first.ListLaneAsync(AppId, a.Api, 8, aheadOf: c.CommandId));
    }

    [Fact]
    public async Task End_OfTheHead_WritesNothingToTheLaneAndNamesTheCommandAfterIt()
    {
        var sut = CreateSut(out var log);
        var head = await ReceiveAsync(sut, T0.AddSeconds(1));
        var next = await ReceiveAsync(sut, T0.AddSeconds(2));
        var last = await ReceiveAsync(sut, T0.AddSeconds(3));

        log.Clear();
        await sut.TryReplaceAsync(head with { State = CommandState.Succeeded, CompletedAt = T0.AddSeconds(4) });
        var endRequests = log.Requests;
        log.Clear();
        var aheadOfLast = await sut.ListLaneAsync(AppId, head.Api, 8, aheadOf: last.CommandId);

        Assert.Equal([$"PUT {_tables.Commands.Name}"], endRequests);
        Assert.True(sut.TryGetFollower(head.CommandId, out var follower), "the store did not remember the end's follower");
        Assert.Equal(next.CommandId, follower);
        Assert.False(sut.TryGetFollower(head.CommandId, out _), "asking twice found the follower again");
        Assert.Equal([next.CommandId], aheadOfLast);
        Assert.Equal([$"GET {_tables.Commands.Name}"], log.Requests);
    }

    [Fact]
    public async Task Join_AfterACommandOfTheLaneEnded_DropsItsEntryInTheSameWrite()
    {
        var sut = CreateSut(out var log);
        var ended = await ReceiveAsync(sut, T0.AddSeconds(1));
        await sut.TryReplaceAsync(ended with { State = CommandState.Succeeded, CompletedAt = T0.AddSeconds(2) });
        var inserted = (await sut.TryInsertAsync(NewCommand()))!;

        log.Clear();
        var next = (await sut.TryReplaceAsync(inserted with { State = CommandState.Running, ReceivedAt = T0.AddSeconds(3) }))!;

        Assert.Equal(["POST $batch", $"PUT {_tables.Commands.Name}"], log.Requests.Order(StringComparer.Ordinal));
        Assert.Equal([next.CommandId], await LaneAsync(_tables, next.Api));
    }

    [Fact]
    public async Task Lane_IdleForAMinuteWithEveryEntryEnded_RowDeletedAndTheNextJoinIsOneWrite()
    {
        var sut = CreateSut(out var log, out var time);
        var ended = await ReceiveAsync(sut, T0);
        await sut.TryReplaceAsync(ended with { State = CommandState.Succeeded, CompletedAt = T0.AddSeconds(1) });
        time.Advance(CommandLanes.IdleAfter);

        await ReceiveAsync(sut, T0.AddMinutes(1), api: "setwebviewdomain");
        var lane = new LaneKey(AppId, ended.Api);
        var rowAfter = await _tables.CommandIndex.GetOrNullAsync(lane.PartitionKey, lane.RowKey, CancellationToken.None);
        var inserted = (await sut.TryInsertAsync(NewCommand()))!;
        log.Clear();
        await sut.TryReplaceAsync(inserted with { State = CommandState.Running, ReceivedAt = T0.AddMinutes(2) });

        Assert.Null(rowAfter);
        Assert.Equal(["POST $batch", $"PUT {_tables.Commands.Name}"], log.Requests.Order(StringComparer.Ordinal));
        Assert.Equal([inserted.CommandId], await LaneAsync(_tables, ended.Api));
    }

    [Fact]
    public async Task Lane_IdleWithACommandStillRunning_RowKept()
    {
        var sut = CreateSut(out _, out var time);
        var running = await ReceiveAsync(sut, T0);
        time.Advance(CommandLanes.IdleAfter * 2);

        await ReceiveAsync(sut, T0.AddMinutes(2), api: "setwebviewdomain");

        Assert.Equal([running.CommandId], await LaneAsync(_tables, running.Api));
    }

    [Fact]
    public async Task ListLaneAsync_InAnotherProcess_SkipsAndRemovesACommandThatEndedElsewhere()
    {
        var sut = CreateSut();
        var other = CreateSut();
        var head = await ReceiveAsync(sut, T0.AddSeconds(1));
        var theirs = await ReceiveAsync(other, T0.AddSeconds(2));
        await sut.TryReplaceAsync(head with { State = CommandState.Succeeded, CompletedAt = T0.AddSeconds(3) });

        var ahead = await other.ListLaneAsync(AppId, head.Api, 8, aheadOf: theirs.CommandId);

        Assert.Empty(ahead);
        Assert.Equal([theirs.CommandId], await LaneAsync(_tables, head.Api));
    }

    [Fact]
    public async Task ListByAuthorizerAsync_LaneRowsInTheAuthorizersPartition_AreNotListed()
    {
        var sut = CreateSut();
        var running = await ReceiveAsync(sut, T0.AddSeconds(1));
        var accepted = (await sut.TryInsertAsync(NewCommand()))!;

        var page = await sut.ListByAuthorizerAsync(AppId, 10, null);

        Assert.Equal([running.CommandId], page.Items.Select(r => r.CommandId));
        Assert.NotNull(await sut.GetAsync(accepted.CommandId));
    }

    [Fact]
    public async Task ListLaneAsync_EntryOfACommandWhoseLeaveWasLost_IsSkippedAndRemoved()
    {
        var sut = CreateSut();
        var ended = await ReceiveAsync(sut, T0.AddSeconds(1));
        var waiting = await ReceiveAsync(sut, T0.AddSeconds(2));
        var fresh = await ReceiveAsync(sut, T0.AddSeconds(3));
        await _tables.Commands.UpdateEntityAsync(
            new TableEntity(ended.CommandId, CommandEntityMapper.RecordRowKey(ended.CommandId)) { ["State"] = nameof(CommandState.Succeeded) },
            ETag.All,
            TableUpdateMode.Merge);

        var ahead = await CreateSut().ListLaneAsync(AppId, ended.Api, 8, aheadOf: fresh.CommandId);

        Assert.Equal([waiting.CommandId], ahead);
        Assert.Equal([waiting.CommandId, fresh.CommandId], await LaneAsync(_tables, ended.Api));
    }

    [Fact]
    public async Task Join_AnswerLostAfterStorageWroteIt_CountsAsWrittenOnce()
    {
        var tables = LostAnswer.Tables(azurite, out var handler);
        var sut = CreateSut(tables);
        var first = await ReceiveAsync(sut, T0.AddSeconds(1));
        var inserted = (await sut.TryInsertAsync(NewCommand()))!;
        handler.Armed(request => request.RequestUri!.AbsolutePath.EndsWith("$batch", StringComparison.Ordinal));

        var second = await sut.TryReplaceAsync(inserted with { State = CommandState.Running, ReceivedAt = T0.AddSeconds(2) });

        Assert.Equal(1, handler.Lost);
        Assert.NotNull(second);
        Assert.Equal([first.CommandId, second.CommandId], await LaneAsync(tables, first.Api));
    }

    [Fact]
    public async Task Join_LaneFull_TheCommandWaitsBehindAllOfIt()
    {
        var sut = CreateSut();
        var entries = Enumerable.Range(0, CommandLanes.MaxEntries - 1).Select(i => CommandIndexKeys.Ticks(T0.AddTicks(i)) + "|cmd-full-" + i.ToString("D4", System.Globalization.CultureInfo.InvariantCulture));
        var lane = new LaneKey(AppId, "modify_domain");
        var row = new TableEntity(lane.PartitionKey, lane.RowKey);
        LargeStringProperty.Write(row, "Entries", string.Join('\n', entries), 8);
        await _tables.EnsureCreatedAsync();
        await _tables.CommandIndex.AddEntityAsync(row);
        var blocker = await ReceiveAsync(CreateSut(), T0.AddTicks(-1));

        var late = await ReceiveAsync(sut, T0.AddSeconds(1));
        var ahead = await sut.ListLaneAsync(AppId, late.Api, 1, aheadOf: late.CommandId);

        Assert.DoesNotContain(late.CommandId, await LaneAsync(_tables, late.Api));
        Assert.Equal([blocker.CommandId], ahead);
    }

    private static async Task<CommandRecord> ReceiveAsync(TableCommandStore sut, DateTimeOffset receivedAt, string api = "modify_domain")
    {
        var inserted = (await sut.TryInsertAsync(NewCommand(api: api)))!;
        return (await sut.TryReplaceAsync(inserted with { State = CommandState.Running, ReceivedAt = receivedAt }))!;
    }

    private TableCommandStore CreateSut() => CreateSut(_tables);

    private TableCommandStore CreateSut(out RequestLog log) => CreateSut(out log, out _);

    private TableCommandStore CreateSut(out RequestLog log, out FakeTimeProvider time)
    {
        time = new FakeTimeProvider(T0);
        return new(RequestLog.Tables(azurite, _tables.CommandIndex.Name[..^TableStorageConstants.CommandIndexTable.Length], out log), time, NullLogger<TableCommandStore>.Instance);
    }

    private static TableCommandStore CreateSut(TableStorageTables tables) => new(tables, new FakeTimeProvider(T0), NullLogger<TableCommandStore>.Instance);
}
