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

/// <summary>The record's replace and its attempt's insert as one entity-group transaction (issue 16).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableCommandStoreAttemptTransactionTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TryReplaceAsync_WithAnAttempt_WritesBothInOneTransaction()
    {
        var tables = RequestLog.Tables(azurite, AzuriteFixture.UniqueName("t"), out var log);
        var sut = CreateSut(tables);
        var running = (await sut.TryInsertAsync(NewCommand() with { State = CommandState.Running, ReceivedAt = T0 }))!;
        log.Clear();

        var stored = await sut.TryReplaceAsync(Succeeded(running), Attempt(running.CommandId, 1));
        var requests = log.Requests;

        Assert.NotNull(stored);
        Assert.Equal(["POST $batch"], requests);
        Assert.Equal(CommandState.Succeeded, (await sut.GetAsync(running.CommandId))!.State);
        Assert.Equal([Attempt(running.CommandId, 1)], await sut.GetAttemptsAsync(running.CommandId));
    }

    [Fact]
    public async Task TryReplaceAsync_AttemptNumberAlreadyRecorded_ReplacesTheRecordAndKeepsTheFirstRow()
    {
        var sut = CreateSut(TestTables.Create(azurite));
        var running = (await sut.TryInsertAsync(NewCommand() with { State = CommandState.Running, ReceivedAt = T0 }))!;
        await sut.AddAttemptAsync(Attempt(running.CommandId, 1));

        var stored = await sut.TryReplaceAsync(Succeeded(running), Attempt(running.CommandId, 1) with { ErrorCode = 45011 });

        Assert.Equal(CommandState.Succeeded, stored?.State);
        Assert.Equal([Attempt(running.CommandId, 1)], await sut.GetAttemptsAsync(running.CommandId));
    }

    [Fact]
    public async Task TryReplaceAsync_RecordChangedFirst_ReturnsNullAndStillRecordsTheAttempt()
    {
        var tables = TestTables.Create(azurite);
        var sut = CreateSut(tables);
        var running = (await sut.TryInsertAsync(NewCommand() with { State = CommandState.Running, ReceivedAt = T0 }))!;
        var elsewhere = CreateSut(tables);
        Assert.NotNull(await elsewhere.TryReplaceAsync((await elsewhere.GetAsync(running.CommandId))! with { LeaseUntil = T0.AddMinutes(9) }));

        var stored = await sut.TryReplaceAsync(Succeeded(running), Attempt(running.CommandId, 1));

        Assert.Null(stored);
        Assert.Equal(CommandState.Running, (await sut.GetAsync(running.CommandId))!.State);
        Assert.Equal([Attempt(running.CommandId, 1)], await sut.GetAttemptsAsync(running.CommandId));
    }

    private static CommandRecord Succeeded(CommandRecord running) =>
        running with { State = CommandState.Succeeded, CompletedAt = T0.AddSeconds(2), Attempts = 1, ErrorClass = WeChatErrorClass.Success };

    private static AttemptRecord Attempt(string commandId, int number) => new()
    {
        CommandId = commandId,
        Number = number,
        At = T0.AddSeconds(number),
        Api = "modify_domain",
        ErrorCode = 0,
        ErrorMessage = "ok",
        ErrorClass = WeChatErrorClass.Success,
        HttpStatus = 200,
        Latency = TimeSpan.FromMilliseconds(50),
        HttpAttempts = 1,
    };

    private static TableCommandStore CreateSut(TableStorageTables tables) => new(tables, new FakeTimeProvider(T0), NullLogger<TableCommandStore>.Instance);
}
