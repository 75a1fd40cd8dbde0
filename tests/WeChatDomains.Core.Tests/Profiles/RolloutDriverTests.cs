using Microsoft.Extensions.Time.Testing;
using Moq;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Profiles.Rollouts;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Core.Tests.Profiles;

public sealed class RolloutDriverTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The fleet bench: a step that refreshed its items one at a time kept a 10,000-authorizer rollout far below C / latency.
    /// Each command read here waits until <see cref="Items"/> reads are under way at once, so a step that reads them one
    /// at a time never gets past the first (and the guard's timeout fails it).
    /// </summary>
    [Fact]
    public async Task StepAsync_RunningItems_RefreshedConcurrently()
    {
        const int Items = 4;
        var time = new FakeTimeProvider(T0);
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;
        var commands = new Mock<ICommandStore>();
        commands.Setup(c => c.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).Returns(async (string id, CancellationToken cancellationToken) =>
        {
            if (Interlocked.Increment(ref arrived) == Items)
            {
                all.TrySetResult();
            }

            await all.Task.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System, cancellationToken);
            return new CommandRecord { CommandId = id, Api = "modify_domain", State = CommandState.Succeeded, CreatedAt = T0 };
        });
        var profiles = RolloutDrivers.ProfilesHolding(T0);
        var rollout = new RolloutRecord("r1", "p", 2, new RolloutRequest(Items, [100], 0.1), RolloutState.Running, 0, true, Items, null, T0, ETag: "etag");
        var items = Enumerable.Range(0, Items)
            .Select(i => new RolloutItem(i, $"wx00000000000000a{i}", RolloutItemState.Running, [], 1, [$"c{i}"], null, null, "e"))
            .ToList();
        var updated = new List<RolloutItem>();
        var store = new Mock<IRolloutStore>();
        store.Setup(s => s.GetAsync("r1", It.IsAny<CancellationToken>())).ReturnsAsync(rollout);
        store.Setup(s => s.ReadStepItemsAsync("r1", It.IsAny<int>(), It.IsAny<CancellationToken>())).Returns(items.ToAsyncEnumerable());
        store.Setup(s => s.TryUpdateItemAsync("r1", It.IsAny<RolloutItem>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, RolloutItem item, CancellationToken _) =>
            {
                lock (updated)
                {
                    updated.Add(item);
                }

                return item;
            });
        store.Setup(s => s.TryUpdateAsync(It.IsAny<RolloutRecord>(), It.IsAny<CancellationToken>())).ReturnsAsync((RolloutRecord r, CancellationToken _) => r);
        var sut = RolloutDrivers.Create(store.Object, profiles.Object, commands.Object, time, concurrency: Items);

        var after = await sut.StepAsync("r1");

        Assert.Equal(Items, arrived);
        Assert.Equal(Enumerable.Repeat(RolloutItemState.Succeeded, Items), updated.Select(i => i.State));
        Assert.Equal(1, after!.Wave);
    }

    [Fact]
    public async Task StepAsync_ReadsWholeOnlyTheItemsBeforeTheWavesEnd()
    {
        var time = new FakeTimeProvider(T0);
        var rollout = new RolloutRecord("r1", "p", 2, new RolloutRequest(1, [50, 100], 0.1), RolloutState.Running, 1, true, 10, null, T0, ETag: "etag");
        var store = new Mock<IRolloutStore>();
        store.Setup(s => s.GetAsync("r1", It.IsAny<CancellationToken>())).ReturnsAsync(rollout);
        store.Setup(s => s.ReadStepItemsAsync("r1", It.IsAny<int>(), It.IsAny<CancellationToken>())).Returns(AsyncEnumerable.Empty<RolloutItem>());
        store.Setup(s => s.TryUpdateAsync(It.IsAny<RolloutRecord>(), It.IsAny<CancellationToken>())).ReturnsAsync((RolloutRecord r, CancellationToken _) => r);
        var sut = RolloutDrivers.Create(store.Object, RolloutDrivers.ProfilesHolding(T0).Object, Mock.Of<ICommandStore>(), time, concurrency: 2);

        await sut.StepAsync("r1");

        store.Verify(s => s.ReadStepItemsAsync("r1", 5, It.IsAny<CancellationToken>()), Times.Once());
        store.Verify(s => s.ReadItemsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never());
    }

    /// <summary>
    /// Issue 16 item 5: a step of a 10,000-authorizer rollout read every item into a list first (the Host's memory grew
    /// with the fleet). Items now stream: when each is yielded, at most a few more than the step's concurrency have been
    /// yielded and not yet refreshed.
    /// </summary>
    [Fact]
    public async Task StepAsync_ManyItems_StreamedWithFewAheadOfTheirRefresh()
    {
        const int Items = 10_000;
        const int Concurrency = 4;
        var time = new FakeTimeProvider(T0);
        var yielded = 0;
        var refreshed = 0;
        var mostAhead = 0;
        async IAsyncEnumerable<RolloutItem> Stream()
        {
            for (var i = 0; i < Items; i++)
            {
                mostAhead = Math.Max(mostAhead, Interlocked.Increment(ref yielded) - Volatile.Read(ref refreshed));
                yield return new RolloutItem(i, $"wx{i:D16}", RolloutItemState.Running, [], 1, [$"c{i}"], null, null, "e");
                await Task.Yield();
            }
        }

        var commands = new Mock<ICommandStore>();
        commands.Setup(c => c.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((string id, CancellationToken _) =>
        {
            Interlocked.Increment(ref refreshed);
            return new CommandRecord { CommandId = id, Api = "modify_domain", State = CommandState.Running, CreatedAt = T0 };
        });
        var profiles = RolloutDrivers.ProfilesHolding(T0);
        var rollout = new RolloutRecord("r1", "p", 2, new RolloutRequest(Items, [100], 0.1), RolloutState.Running, 0, true, Items, null, T0, ETag: "etag");
        var store = new Mock<IRolloutStore>();
        store.Setup(s => s.GetAsync("r1", It.IsAny<CancellationToken>())).ReturnsAsync(rollout);
        store.Setup(s => s.ReadStepItemsAsync("r1", It.IsAny<int>(), It.IsAny<CancellationToken>())).Returns(Stream());
        store.Setup(s => s.TryUpdateAsync(It.IsAny<RolloutRecord>(), It.IsAny<CancellationToken>())).ReturnsAsync((RolloutRecord r, CancellationToken _) => r);
        var sut = RolloutDrivers.Create(store.Object, profiles.Object, commands.Object, time, Concurrency);

        var after = await sut.StepAsync("r1");

        Assert.Equal((Items, Items), (yielded, refreshed));
        Assert.True(mostAhead <= 2 * Concurrency, $"{mostAhead} items were read ahead of their refresh at once (concurrency {Concurrency}); the step must not hold the rollout's items");
        Assert.Equal(new RolloutCounts(0, Items, 0, 0, 0, 0), after!.Progress!.Counts);
    }
}
