using WeChatDomains.Azure.Queues;
using WeChatDomains.Core.Processing;
using WeChatDomains.Testing;

namespace WeChatDomains.Azure.Tests.Queues;

[Collection(AzuriteCollection.Name)]
public sealed class StorageQueueReceiverTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task SettleAsync_Complete_DeletesTheMessage()
    {
        var bed = await QueueTestBed.CreateAsync(azurite);
        var message = await bed.SendAndReceiveAsync("complete-1");

        await bed.Receiver.SettleAsync(message, new Disposition.Complete());

        Assert.Equal(0, await QueueTestBed.CountAsync(bed.Queues.Commands));
        Assert.Equal(0, await QueueTestBed.CountAsync(bed.Queues.Poison));
    }

    [Fact]
    public async Task SettleAsync_Deferred_DeletesTheMessage()
    {
        var bed = await QueueTestBed.CreateAsync(azurite);
        var message = await bed.SendAndReceiveAsync("deferred-1");

        await bed.Receiver.SettleAsync(message, new Disposition.Deferred(bed.Time.GetUtcNow().AddDays(3), "monthly quota"));

        Assert.Equal(0, await QueueTestBed.CountAsync(bed.Queues.Commands));
    }

    [Fact]
    public async Task SettleAsync_RetryAfterZero_SameMessageReturnsWithItsDeliveryCount()
    {
        var bed = await QueueTestBed.CreateAsync(azurite);
        var message = await bed.SendAndReceiveAsync("retry-1");

        await bed.Receiver.SettleAsync(message, new Disposition.RetryAfter(TimeSpan.Zero, "transient"));

        var again = Assert.Single(await bed.Receiver.ReceiveAsync(32));
        Assert.Equal(message.MessageId, again.MessageId);
        Assert.Equal(2, again.DequeueCount);
    }

    [Fact]
    public async Task SettleAsync_RetryAfterDelay_MessageStaysInvisible()
    {
        var bed = await QueueTestBed.CreateAsync(azurite);
        var message = await bed.SendAndReceiveAsync("retry-2");

        await bed.Receiver.SettleAsync(message, new Disposition.RetryAfter(TimeSpan.FromMinutes(10), "transient"));

        Assert.Empty(await bed.Receiver.ReceiveAsync(32));
        Assert.Equal(1, await QueueTestBed.CountAsync(bed.Queues.Commands));
    }

    [Fact]
    public async Task SettleAsync_DeadLetter_CopiesAnEnvelopeToThePoisonQueueThenDeletes()
    {
        var bed = await QueueTestBed.CreateAsync(azurite);
        var message = await bed.SendAndReceiveAsync("dead-1");

        await bed.Receiver.SettleAsync(message, new Disposition.DeadLetter("Rejected", "body.action: unknown"));

        Assert.Equal(0, await QueueTestBed.CountAsync(bed.Queues.Commands));
        var envelope = await ReadPoisonAsync(bed);
        Assert.Equal("Rejected", envelope.Reason);
        Assert.Equal("body.action: unknown", envelope.Description);
        Assert.Equal(message.MessageId, envelope.MessageId);
        Assert.Contains("\"dead-1\"", envelope.Body, StringComparison.Ordinal);
        Assert.Equal(bed.Time.GetUtcNow(), envelope.DeadLetteredAt);
    }

    [Fact]
    public async Task ReceiveAsync_MessageOverTheDequeueBudget_GoesToThePoisonQueueUnprocessed()
    {
        var bed = await QueueTestBed.CreateAsync(azurite, maxDequeueCount: 1);
        var message = await bed.SendAndReceiveAsync("crash-1");
        await bed.Receiver.ReleaseAsync(message, TimeSpan.Zero, "crashed");

        var received = await bed.Receiver.ReceiveAsync(32);

        Assert.Empty(received);
        Assert.Equal(0, await QueueTestBed.CountAsync(bed.Queues.Commands));
        var envelope = await ReadPoisonAsync(bed);
        Assert.Equal("MaxDequeueCountExceeded", envelope.Reason);
        Assert.Equal(2, envelope.DequeueCount);
    }

    [Fact]
    public async Task SettleAsync_MessageAlreadySettledElsewhere_IsDone()
    {
        var bed = await QueueTestBed.CreateAsync(azurite);
        var message = await bed.SendAndReceiveAsync("twice-1");
        await bed.Receiver.SettleAsync(message, new Disposition.Complete());

        var exception = await Record.ExceptionAsync(() => bed.Receiver.SettleAsync(message, new Disposition.Complete()));

        Assert.Null(exception);
    }

    [Fact]
    public void PoisonEnvelope_BodyTooLargeForAMessage_IsOmitted()
    {
        var message = new QueuedCommand("m", "p", new byte[PoisonEnvelope.MaxBytes], 1);

        var envelope = PoisonEnvelope.Deserialize(PoisonEnvelope.Serialize(message, "Rejected", "why", DateTimeOffset.UnixEpoch))!;

        Assert.True(envelope.BodyOmitted);
        Assert.Null(envelope.Body);
        Assert.Equal("Rejected", envelope.Reason);
    }

    private static async Task<PoisonEnvelope> ReadPoisonAsync(QueueTestBed bed)
    {
        var poisoned = (await bed.Queues.Poison.ReceiveMessageAsync()).Value;
        Assert.NotNull(poisoned);
        return PoisonEnvelope.Deserialize(poisoned.Body.ToMemory().Span)!;
    }
}
