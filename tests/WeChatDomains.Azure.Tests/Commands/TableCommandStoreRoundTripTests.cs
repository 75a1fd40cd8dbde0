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

/// <summary>The storage round trips processing pays per command, and the versions the store may skip reading.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableCommandStoreRoundTripTests(AzuriteFixture azurite)
{
    private readonly string _prefix = AzuriteFixture.UniqueName("t");

    [Fact]
    public async Task TryReplaceAsync_VersionThisStoreWrote_WritesWithoutReadingIt()
    {
        var sut = CreateSut(out var log);
        var inserted = (await sut.TryInsertAsync(NewCommand()))!;

        log.Clear();
        var running = (await sut.TryReplaceAsync(inserted with { State = CommandState.Running, ReceivedAt = T0 }))!;
        var claimRequests = log.Requests;
        log.Clear();
        await sut.TryReplaceAsync(running with { State = CommandState.Succeeded, CompletedAt = T0.AddSeconds(1) });

        Assert.Equal(["POST $batch", "PUT " + Commands], claimRequests.Order(StringComparer.Ordinal));
        Assert.Equal(["PUT " + Commands], log.Requests);
    }

    [Fact]
    public async Task TryReplaceAsync_LaneRowAlreadyWrittenByThisStore_IsNotWrittenAgain()
    {
        var sut = CreateSut(out var log);
        var running = (await sut.TryReplaceAsync((await sut.TryInsertAsync(NewCommand()))! with { State = CommandState.Running, ReceivedAt = T0 }))!;

        log.Clear();
        await sut.TryReplaceAsync(running with { CallInFlight = true });

        Assert.Equal(["PUT " + Commands], log.Requests);
    }

    [Fact]
    public async Task TryReplaceAsync_VersionChangedByAnotherWorker_ReturnsNullThenReplacesAfterReading()
    {
        var sut = CreateSut(out _);
        var other = CreateSut(out _);
        var inserted = (await sut.TryInsertAsync(NewCommand()))!;
        var theirs = (await other.GetAsync(inserted.CommandId))!;
        await other.TryReplaceAsync(theirs with { State = CommandState.Running, ReceivedAt = T0, RequestedBy = "other" });

        var stale = await sut.TryReplaceAsync(inserted with { State = CommandState.Running, ReceivedAt = T0 });
        var fresh = (await sut.GetAsync(inserted.CommandId))!;
        var replaced = await sut.TryReplaceAsync(fresh with { State = CommandState.Succeeded, CompletedAt = T0.AddSeconds(1) });

        Assert.Null(stale);
        Assert.Equal("other", fresh.RequestedBy);
        Assert.Equal(CommandState.Succeeded, replaced?.State);
        Assert.Equal(["auth|" + AppId], await PointerPartitionsAsync(Tables(), inserted.CommandId));
    }

    [Fact]
    public async Task TryReplaceAsync_VersionReadFromTable_RewritesItsMissingRows()
    {
        var writer = CreateSut(out _);
        var running = (await writer.TryReplaceAsync((await writer.TryInsertAsync(NewCommand()))! with { State = CommandState.Running, ReceivedAt = T0 }))!;
        var lane = new LaneKey(AppId, running.Api);
        await Tables().CommandIndex.DeleteEntityAsync(lane.PartitionKey, lane.RowKey);
        var sut = CreateSut(out _);

        var read = (await sut.GetAsync(running.CommandId))!;
        await sut.TryReplaceAsync(read with { CallInFlight = true });

        Assert.Equal([running.CommandId], await LaneAsync(Tables(), running.Api));
    }

    [Fact]
    public async Task ListLaneAsync_AheadOfTheFirst_ListsNothingFromTheRowThisStoreWrote()
    {
        var sut = CreateSut(out var log);
        var first = await ReceiveAsync(sut, T0.AddSeconds(1));
        var second = await ReceiveAsync(sut, T0.AddSeconds(2));
        var third = await ReceiveAsync(sut, T0.AddSeconds(3));

        log.Clear();
        var aheadOfFirst = await sut.ListLaneAsync(AppId, first.Api, 8, aheadOf: first.CommandId);
        var firstRequests = log.Requests;
        var aheadOfThird = await sut.ListLaneAsync(AppId, first.Api, 8, aheadOf: third.CommandId);

        Assert.Empty(aheadOfFirst);
        Assert.Empty(firstRequests);
        Assert.Equal([first.CommandId, second.CommandId], aheadOfThird);
        Assert.Equal(["GET " + Commands, "GET " + Commands], log.Requests);
    }

    private string Commands => Tables().Commands.Name;

    private string Index => Tables().CommandIndex.Name;

    private static async Task<CommandRecord> ReceiveAsync(TableCommandStore sut, DateTimeOffset receivedAt)
    {
        var inserted = (await sut.TryInsertAsync(NewCommand()))!;
        return (await sut.TryReplaceAsync(inserted with { State = CommandState.Running, ReceivedAt = receivedAt }))!;
    }

    private TableStorageTables Tables() => new(new TableServiceClient(azurite.ConnectionString), _prefix);

    private TableCommandStore CreateSut(out RequestLog log) =>
        new(RequestLog.Tables(azurite, _prefix, out log), new FakeTimeProvider(T0), NullLogger<TableCommandStore>.Instance);
}
