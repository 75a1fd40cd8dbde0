using System.Text;
using WeChatDomains.Azure.Queues;
using WeChatDomains.Testing;

namespace WeChatDomains.Azure.Tests.Queues;

[Collection(AzuriteCollection.Name)]
public sealed class StorageQueueCommandSenderTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 0, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task EnqueueAsync_Command_MessageTextIsBase64OfUtf8Json()
    {
        var bed = await QueueTestBed.CreateAsync(azurite);
        var body = QueueTestBed.Command("cmd-1");

        await bed.Sender.EnqueueAsync("cmd-1", "wx1234567890abcdef", body);

        var peeked = (await bed.RawCommands.PeekMessageAsync()).Value;
        Assert.Equal(Convert.ToBase64String(body), peeked.MessageText);
    }

    [Fact]
    public async Task EnqueueAsync_VisibleAtInTheFuture_MessageIsInvisibleUntilThen()
    {
        var bed = await QueueTestBed.CreateAsync(azurite);

        await bed.Sender.EnqueueAsync("cmd-2", "wx1234567890abcdef", QueueTestBed.Command("cmd-2"), bed.Time.GetUtcNow().AddHours(1));

        Assert.Empty(await bed.Receiver.ReceiveAsync(32));
        Assert.Equal(1, await QueueTestBed.CountAsync(bed.Queues.Commands));
    }

    [Fact]
    public async Task EnqueueAsync_VisibleAtInThePast_MessageIsVisibleAtOnce()
    {
        var bed = await QueueTestBed.CreateAsync(azurite);

        await bed.Sender.EnqueueAsync("cmd-3", "wx1234567890abcdef", QueueTestBed.Command("cmd-3"), bed.Time.GetUtcNow().AddHours(-1));

        var received = Assert.Single(await bed.Receiver.ReceiveAsync(32));
        Assert.Equal("cmd-3", System.Text.Json.JsonDocument.Parse(received.Body).RootElement.GetProperty("commandId").GetString());
        Assert.Equal(1, received.DequeueCount);
    }

    [Fact]
    public async Task EnqueueAsync_BodyOverTheMessageLimit_Throws()
    {
        var bed = await QueueTestBed.CreateAsync(azurite);
        var body = Encoding.UTF8.GetBytes(new string('x', StorageQueueCommandSender.MaxBodyBytes + 1));

        await Assert.ThrowsAsync<ArgumentException>(() => bed.Sender.EnqueueAsync("big", "component", body));
    }

    [Theory]
    [InlineData(null, 0)]
    [InlineData(-60, 0)]
    [InlineData(90, 90)]
    [InlineData(30 * 24 * 3600, 7 * 24 * 3600)]
    public void VisibilityDelay_VisibleAt_IsTheWaitCappedAtSevenDays(int? secondsFromNow, int expectedSeconds)
    {
        DateTimeOffset? visibleAt = secondsFromNow is null ? null : Now.AddSeconds(secondsFromNow.Value);

        var delay = StorageQueueCommandSender.VisibilityDelay(visibleAt, Now);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), delay);
    }
}
