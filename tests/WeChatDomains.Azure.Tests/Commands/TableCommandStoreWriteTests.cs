using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WeChatDomains.Azure.Commands;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Azure.Tests.TableStorage;
using WeChatDomains.Core.Status;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Errors;
using static WeChatDomains.Azure.Tests.Commands.CommandStoreTestData;

namespace WeChatDomains.Azure.Tests.Commands;

[Collection(AzuriteCollection.Name)]
public sealed class TableCommandStoreWriteTests(AzuriteFixture azurite)
{
    private readonly TableStorageTables _tables = TestTables.Create(azurite);

    [Fact]
    public async Task TryInsertAsync_NewId_StoresRecordWithETag()
    {
        var sut = CreateSut();
        var record = NewCommand() with { ReceivedAt = T0.AddSeconds(1), ErrorClass = WeChatErrorClass.Transient, LastErrorCode = -1 };

        var inserted = await sut.TryInsertAsync(record);

        Assert.NotNull(inserted?.ETag);
        Assert.Equal(inserted, await sut.GetAsync(record.CommandId));
    }

    [Fact]
    public async Task TryInsertAsync_SameIdTwice_SecondReturnsNull()
    {
        var sut = CreateSut();
        var record = NewCommand();

        var first = await sut.TryInsertAsync(record);
        var second = await sut.TryInsertAsync(record with { RequestedBy = "someone else" });

        Assert.NotNull(first);
        Assert.Null(second);
        Assert.Equal("tests", (await sut.GetAsync(record.CommandId))!.RequestedBy);
    }

    [Fact]
    public async Task TryReplaceAsync_FirstReceipt_WritesTheAuthorizerPointerThatTheAcceptedInsertDidNot()
    {
        var sut = CreateSut();
        var record = NewCommand(appId: null);

        var accepted = (await sut.TryInsertAsync(record))!;
        var whileAccepted = await PointerPartitionsAsync(_tables, record.CommandId);
        await sut.TryReplaceAsync(accepted with { State = CommandState.Running, ReceivedAt = T0 });

        Assert.Empty(whileAccepted);
        Assert.Equal(["auth|component"], await PointerPartitionsAsync(_tables, record.CommandId));
    }

    [Fact]
    public async Task TryInsertAsync_FinalWithoutReceipt_WritesTheAuthorizerPointer()
    {
        var sut = CreateSut();
        var record = NewCommand() with { State = CommandState.Rejected, CompletedAt = T0 };

        await sut.TryInsertAsync(record);

        Assert.Equal(["auth|" + AppId], await PointerPartitionsAsync(_tables, record.CommandId));
    }

    [Fact]
    public async Task GetAsync_UnknownId_ReturnsNull()
    {
        Assert.Null(await CreateSut().GetAsync("no-such-command"));
    }

    [Fact]
    public async Task TryReplaceAsync_CurrentETag_ReplacesAndReturnsNewETag()
    {
        var sut = CreateSut();
        var inserted = (await sut.TryInsertAsync(NewCommand()))!;

        var replaced = await sut.TryReplaceAsync(inserted with { State = CommandState.Running, Attempts = 1, Action = null });

        Assert.NotNull(replaced);
        Assert.NotEqual(inserted.ETag, replaced.ETag);
        var stored = await sut.GetAsync(inserted.CommandId);
        Assert.Equal(replaced, stored);
        Assert.Null(stored!.Action);
    }

    [Fact]
    public async Task TryReplaceAsync_StaleETag_ReturnsNull()
    {
        var sut = CreateSut();
        var inserted = (await sut.TryInsertAsync(NewCommand()))!;
        await sut.TryReplaceAsync(inserted with { State = CommandState.Running });

        var stale = await sut.TryReplaceAsync(inserted with { State = CommandState.Rejected });

        Assert.Null(stale);
        Assert.Equal(CommandState.Running, (await sut.GetAsync(inserted.CommandId))!.State);
    }

    [Fact]
    public async Task TryReplaceAsync_DeferredThenRunning_RemovesDeferredPointer()
    {
        var sut = CreateSut();
        var inserted = (await sut.TryInsertAsync(NewCommand()))!;
        var deferred = (await sut.TryReplaceAsync(Deferred(inserted, T0.AddHours(1))))!;
        var whileDeferred = await PointerPartitionsAsync(_tables, inserted.CommandId);

        await sut.TryReplaceAsync(deferred with { State = CommandState.Running, NextAttemptAt = null, WakeBy = null });

        Assert.Contains(StatePartition(CommandState.Deferred, inserted.CommandId), whileDeferred);
        Assert.DoesNotContain(StatePartition(CommandState.Deferred, inserted.CommandId), await PointerPartitionsAsync(_tables, inserted.CommandId));
    }

    [Fact]
    public async Task TryReplaceAsync_DeferredToLaterTime_MovesDeferredPointer()
    {
        var sut = CreateSut();
        var inserted = (await sut.TryInsertAsync(NewCommand()))!;
        var first = (await sut.TryReplaceAsync(Deferred(inserted, T0.AddMinutes(1))))!;

        await sut.TryReplaceAsync(Deferred(first, T0.AddDays(1)));

        Assert.Empty(await sut.ListDueAsync(T0.AddHours(1), 10));
        Assert.Single(await sut.ListDueAsync(T0.AddDays(1), 10));
        Assert.Single(await PointerPartitionsAsync(_tables, inserted.CommandId), p => p == StatePartition(CommandState.Deferred, inserted.CommandId));
    }

    [Fact]
    public async Task TryReplaceAsync_Failed_AddsFailedPointerAndRemovesLane()
    {
        var sut = CreateSut();
        var inserted = (await sut.TryInsertAsync(NewCommand()))!;
        var running = (await sut.TryReplaceAsync(inserted with { State = CommandState.Running, ReceivedAt = T0.AddSeconds(1) }))!;
        var whileRunning = await LaneAsync(_tables, running.Api);

        await sut.TryReplaceAsync(running with { State = CommandState.Failed, CompletedAt = T0.AddSeconds(5), LastErrorCode = 85015 });

        Assert.Equal([inserted.CommandId], whileRunning);
        Assert.Equal(["auth|" + AppId, StatePartition(CommandState.Failed, inserted.CommandId)], await PointerPartitionsAsync(_tables, inserted.CommandId));
        Assert.Empty(await CreateSut().ListLaneAsync(AppId, running.Api, 10));
    }

    [Fact]
    public async Task AttemptsRoundTrip_AddedOutOfOrderAndTwice_ReturnedOnceInOrder()
    {
        var sut = CreateSut();
        var record = NewCommand();
        var attempts = Enumerable.Range(1, 3).Select(n => Attempt(record.CommandId, n)).ToArray();

        await sut.AddAttemptAsync(attempts[2]);
        await sut.AddAttemptAsync(attempts[0]);
        await sut.AddAttemptAsync(attempts[1]);
        await sut.AddAttemptAsync(attempts[0] with { ErrorCode = 0 });

        Assert.Equal(attempts, await sut.GetAttemptsAsync(record.CommandId));
    }

    [Fact]
    public async Task GetAttemptsAsync_NoAttempts_ReturnsEmpty()
    {
        var sut = CreateSut();
        var inserted = (await sut.TryInsertAsync(NewCommand()))!;

        Assert.Empty(await sut.GetAttemptsAsync(inserted.CommandId));
    }

    [Fact]
    public async Task TryInsertAsync_LargeBodyAndResponse_RoundTrip()
    {
        var sut = CreateSut();
        var body = string.Concat(Enumerable.Repeat("https://a-rather-long-domain-name.example.com;", 3_000));
        var record = NewCommand() with { Body = body, Response = new string('a', 31_999) + "🙂" + new string('b', 40_000) };

        await sut.TryInsertAsync(record);

        var stored = (await sut.GetAsync(record.CommandId))!;
        Assert.Equal(record.Body, stored.Body);
        Assert.Equal(record.Response, stored.Response);
    }

    private static AttemptRecord Attempt(string commandId, int number) => new()
    {
        CommandId = commandId,
        Number = number,
        At = T0.AddSeconds(number),
        Api = "modify_domain",
        ErrorCode = number == 3 ? 0 : -1,
        ErrorMessage = number == 3 ? "ok" : "system error rid: 1234-5678",
        Rid = number == 3 ? null : "1234-5678",
        ErrorClass = number == 3 ? WeChatErrorClass.Success : WeChatErrorClass.Transient,
        HttpStatus = 200,
        Latency = TimeSpan.FromTicks(1_234_567 * number),
        HttpAttempts = number,
    };

    private TableCommandStore CreateSut() => new(_tables, new FakeTimeProvider(T0), NullLogger<TableCommandStore>.Instance);
}
