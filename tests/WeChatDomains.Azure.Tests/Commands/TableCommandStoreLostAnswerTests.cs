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

/// <summary>
/// A record write storage applied whose answer was lost: the SDK's retry meets 412 on its own write. The store must count
/// it as written and still write the index rows; without them a Deferred command is never released (issue 12, the
/// storage-fault drill's command stuck Deferred).
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableCommandStoreLostAnswerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TryReplaceAsync_AnswerLostAfterStorageWroteIt_CountsAsWrittenAndTheCommandIsStillReleased()
    {
        var tables = LostAnswer.Tables(azurite, out var handler);
        var sut = CreateSut(tables);
        var held = (await sut.TryInsertAsync(Deferred(NewCommand() with { ReceivedAt = T0 }, T0.AddMinutes(1))))!;
        handler.Armed(IsRecordWrite(tables));

        var nudged = await sut.TryReplaceAsync(held with { NextAttemptAt = T0 });

        Assert.Equal(1, handler.Lost);
        Assert.NotNull(nudged);
        Assert.Equal(nudged.ETag, (await sut.GetAsync(held.CommandId))!.ETag);
        var due = await sut.ListDueAsync(T0, 10);
        Assert.True(due.Count == 1 && due[0].CommandId == held.CommandId, $"due at T0: [{string.Join(", ", due.Select(r => r.CommandId))}]; expected [{held.CommandId}]");
        Assert.Equal(1, (await sut.CountProblemsAsync()).Deferred);
    }

    [Fact]
    public async Task TryReplaceAsync_WithAttempt_AnswerLostAfterStorageWroteIt_CountsAsWrittenWithOneAttemptRow()
    {
        var tables = LostAnswer.Tables(azurite, out var handler);
        var sut = CreateSut(tables);
        var running = (await sut.TryInsertAsync(NewCommand() with { State = CommandState.Running, ReceivedAt = T0 }))!;
        handler.Armed(request => request.RequestUri!.AbsolutePath.EndsWith("$batch", StringComparison.Ordinal));
        var attempt = new AttemptRecord
        {
            CommandId = running.CommandId,
            Number = 1,
            At = T0,
            Api = "modify_domain",
            ErrorCode = -1,
            ErrorClass = WeChatErrorClass.Transient,
            Latency = TimeSpan.FromMilliseconds(5),
        };

        var deferred = await sut.TryReplaceAsync(Deferred(running, T0.AddSeconds(1)) with { Attempts = 1 }, attempt);

        Assert.Equal(1, handler.Lost);
        Assert.NotNull(deferred);
        Assert.Equal([running.CommandId], (await sut.ListDueAsync(T0.AddSeconds(1), 10)).Select(r => r.CommandId));
        Assert.Single(await sut.GetAttemptsAsync(running.CommandId));
    }

    [Fact]
    public async Task TryReplaceAsync_RecordChangedByAnotherWriter_StillNull()
    {
        var tables = LostAnswer.Tables(azurite, out _);
        var sut = CreateSut(tables);
        var held = (await sut.TryInsertAsync(Deferred(NewCommand() with { ReceivedAt = T0 }, T0.AddMinutes(1))))!;
        var other = CreateSut(tables);
        Assert.NotNull(await other.TryReplaceAsync((await other.GetAsync(held.CommandId))! with { State = CommandState.Running, NextAttemptAt = null }));

        Assert.Null(await sut.TryReplaceAsync(held with { NextAttemptAt = T0 }));
    }

    private static Func<HttpRequestMessage, bool> IsRecordWrite(TableStorageTables tables) => request =>
        request.Method == HttpMethod.Put && request.RequestUri!.AbsolutePath.Contains(tables.Commands.Name + "(", StringComparison.Ordinal);

    private static TableCommandStore CreateSut(TableStorageTables tables) => new(tables, new FakeTimeProvider(T0), NullLogger<TableCommandStore>.Instance);
}
