using System.Text.Json;
using Moq;
using WeChatDomains.Azure.Queues;
using WeChatDomains.Core.Processing;
using WeChatDomains.Testing;

namespace WeChatDomains.Host.Tests.Intake;

[Collection(AzuriteCollection.Name)]
public sealed class IntakeServiceTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Complete_MessageIsProcessedOnceAndDeleted()
    {
        await using var bed = await IntakeTestBed.CreateAsync(azurite);
        bed.Returns(new Disposition.Complete());
        await bed.EnqueueAsync("c-1");

        await bed.Service.StartAsync(CancellationToken.None);
        await bed.WaitUntilEmptyAsync();

        var received = Assert.Single(bed.Received);
        Assert.Equal(1, received.DeliveryCount);
        Assert.Equal("c-1", JsonDocument.Parse(received.Body).RootElement.GetProperty("commandId").GetString());
    }

    [Fact]
    public async Task Deferred_MessageIsDeleted()
    {
        await using var bed = await IntakeTestBed.CreateAsync(azurite);
        bed.Returns(new Disposition.Deferred(TimeProvider.System.GetUtcNow().AddDays(10), "monthly quota"));
        await bed.EnqueueAsync("d-1");

        await bed.Service.StartAsync(CancellationToken.None);
        await bed.WaitUntilEmptyAsync();

        Assert.Single(bed.Received);
        Assert.Equal(0, await IntakeTestBed.CountAsync(bed.Queues.Poison));
    }

    [Fact]
    public async Task RetryAfter_SameMessageComesBackWithTheNextDeliveryCount()
    {
        await using var bed = await IntakeTestBed.CreateAsync(azurite);
        bed.Processor.SetupSequence(p => p.ProcessAsync(It.IsAny<ReceivedMessage>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Disposition.RetryAfter(TimeSpan.Zero, "transient"))
            .ReturnsAsync(new Disposition.Complete());
        await bed.EnqueueAsync("r-1");

        await bed.Service.StartAsync(CancellationToken.None);
        await bed.WaitUntilEmptyAsync();

        bed.Processor.Verify(p => p.ProcessAsync(It.Is<ReceivedMessage>(m => m.DeliveryCount == 1), It.IsAny<CancellationToken>()), Times.Once);
        bed.Processor.Verify(p => p.ProcessAsync(It.Is<ReceivedMessage>(m => m.DeliveryCount == 2), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RetryAfterDelay_MessageStaysOnTheQueueInvisible()
    {
        await using var bed = await IntakeTestBed.CreateAsync(azurite);
        bed.Returns(new Disposition.RetryAfter(TimeSpan.FromMinutes(30), "transient"));
        await bed.EnqueueAsync("r-2");

        await bed.Service.StartAsync(CancellationToken.None);
        await Conditions.WaitUntilAsync(() => !bed.Received.IsEmpty, "the message is processed");
        await bed.Service.StopAsync(CancellationToken.None);

        Assert.Single(bed.Received);
        Assert.Equal(1, await IntakeTestBed.CountAsync(bed.Queues.Commands));
        Assert.Empty(await bed.Receiver.ReceiveAsync(32));
    }

    [Fact]
    public async Task DeadLetter_MessageMovesToThePoisonQueueWithTheReason()
    {
        await using var bed = await IntakeTestBed.CreateAsync(azurite);
        bed.Returns(new Disposition.DeadLetter("Rejected", "body.action: unknown"));
        await bed.EnqueueAsync("x-1");

        await bed.Service.StartAsync(CancellationToken.None);
        await bed.WaitUntilEmptyAsync();

        var poisoned = (await bed.Queues.Poison.ReceiveMessageAsync()).Value;
        var envelope = PoisonEnvelope.Deserialize(poisoned.Body.ToMemory().Span)!;
        Assert.Equal("Rejected", envelope.Reason);
        Assert.Equal("body.action: unknown", envelope.Description);
    }

    [Fact]
    public async Task ProcessorThrows_MessageIsReleasedAndTriedAgain()
    {
        await using var bed = await IntakeTestBed.CreateAsync(azurite);
        bed.Processor.SetupSequence(p => p.ProcessAsync(It.IsAny<ReceivedMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("storage down"))
            .ReturnsAsync(new Disposition.Complete());
        await bed.EnqueueAsync("t-1");

        await bed.Service.StartAsync(CancellationToken.None);
        await bed.WaitUntilEmptyAsync();

        bed.Processor.Verify(p => p.ProcessAsync(It.Is<ReceivedMessage>(m => m.DeliveryCount == 2), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SameAuthorizer_MessagesNeverRunConcurrently()
    {
        await using var bed = await IntakeTestBed.CreateAsync(azurite, maxConcurrency: 8);
        var running = new Dictionary<string, int>();
        var maxPerKey = 0;
        var processed = 0;
        bed.Processor.Setup(p => p.ProcessAsync(It.IsAny<ReceivedMessage>(), It.IsAny<CancellationToken>()))
            .Returns(async (ReceivedMessage m, CancellationToken ct) =>
            {
                var key = JsonDocument.Parse(m.Body).RootElement.GetProperty("authorizerAppId").GetString()!;
                lock (running)
                {
                    running[key] = running.GetValueOrDefault(key) + 1;
                    maxPerKey = Math.Max(maxPerKey, running[key]);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(30), TimeProvider.System, ct);
                lock (running)
                {
                    running[key]--;
                    processed++;
                }

                return new Disposition.Complete();
            });
        for (var i = 0; i < 6; i++)
        {
            await bed.EnqueueAsync($"a-{i}", "wxaaaaaaaaaaaaaaaa");
            await bed.EnqueueAsync($"b-{i}", "wxbbbbbbbbbbbbbbbb");
        }

        await bed.Service.StartAsync(CancellationToken.None);
        await Conditions.WaitUntilAsync(() => Volatile.Read(ref processed) == 12, "all twelve messages are processed");

        Assert.Equal(1, maxPerKey);
    }

    [Fact]
    public async Task Stop_InFlightMessageIsMadeVisibleAgainAtOnce()
    {
        var bed = await IntakeTestBed.CreateAsync(azurite);
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bed.Processor.Setup(p => p.ProcessAsync(It.IsAny<ReceivedMessage>(), It.IsAny<CancellationToken>()))
            .Returns(async (ReceivedMessage _, CancellationToken ct) =>
            {
                started.TrySetResult();
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, ct);
                return new Disposition.Complete();
            });
        await bed.EnqueueAsync("s-1");
        await bed.Service.StartAsync(CancellationToken.None);
        await started.Task.WaitAsync(TimeSpan.FromSeconds(20), TimeProvider.System);

        await bed.Service.StopAsync(CancellationToken.None);

        var again = Assert.Single(await bed.Receiver.ReceiveAsync(32));
        Assert.Equal(2, again.DequeueCount);
        bed.Service.Dispose();
    }
}
