using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Profiles;
using WeChatDomains.Core.Profiles.Rollouts;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Core.Tests.Profiles;

/// <summary>
/// Issue 16 item 5: a rollout's status costs one row at any fleet size. Each step keeps the counts per state and the
/// failures by errcode in the header; <c>GET /api/rollouts/{id}</c> and the list read headers only (they used to read
/// every item of the rollout, 2-14 s per call at 10,000 authorizers).
/// </summary>
public sealed class RolloutProgressTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly RolloutCounts HalfDone = new(Pending: 0, Running: 1, Succeeded: 1, Failed: 1, Deferred: 0, Unchanged: 1);

    private readonly FakeTimeProvider _time = new(T0);
    private readonly Mock<IRolloutStore> _store = new();
    private readonly Mock<ICommandStore> _commands = new();
    private readonly Mock<IProfileStore> _profiles = new();
    private readonly List<RolloutRecord> _headerWrites = [];

    public RolloutProgressTests()
    {
        _profiles.Setup(p => p.GetVersionAsync("p", 2, It.IsAny<CancellationToken>())).ReturnsAsync(RolloutDrivers.EmptyDirectProfile(T0));
        _store.Setup(s => s.TryUpdateItemAsync("r1", It.IsAny<RolloutItem>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, RolloutItem item, CancellationToken _) => item);
    }

    [Fact]
    public async Task GetAsync_HeaderWithProgress_AnswersFromTheHeaderWithoutReadingAnyItem()
    {
        var failures = new Dictionary<string, int> { ["85015"] = 1 };
        _store.Setup(s => s.GetAsync("r1", It.IsAny<CancellationToken>())).ReturnsAsync(Header(new RolloutProgress(HalfDone, failures)));

        var result = await Service().GetAsync("r1");

        var view = Assert.IsType<RolloutDto>(result.Body);
        Assert.Equal(HalfDone, view.Counts);
        Assert.Equal(failures, view.FailuresByErrcode);
        _store.Verify(s => s.ReadItemsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never());
    }

    [Fact]
    public async Task ListAsync_HeadersWithProgress_ReadsNoItem()
    {
        _store.Setup(s => s.ListAsync(It.IsAny<CancellationToken>())).ReturnsAsync([Header(new RolloutProgress(HalfDone, new Dictionary<string, int>()))]);

        var result = await Service().ListAsync();

        Assert.Equal(HalfDone, Assert.Single(Assert.IsType<RolloutListDto>(result.Body).Rollouts).Counts);
        _store.Verify(s => s.ReadItemsAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never());
    }

    [Fact]
    public async Task GetAsync_HeaderStoredBeforeProgressWasKept_CountsItsItems()
    {
        _store.Setup(s => s.GetAsync("r1", It.IsAny<CancellationToken>())).ReturnsAsync(Header(progress: null));
        _store.Setup(s => s.ReadItemsAsync("r1", It.IsAny<CancellationToken>())).Returns(Items(afterStep: true).ToAsyncEnumerable());

        var result = await Service().GetAsync("r1");

        var view = Assert.IsType<RolloutDto>(result.Body);
        Assert.Equal(HalfDone, view.Counts);
        Assert.Equal(new Dictionary<string, int> { ["85015"] = 1 }, view.FailuresByErrcode);
    }

    [Fact]
    public async Task StepAsync_ItemsChangedButNoDecision_WritesTheNewCountsIntoTheHeader()
    {
        var before = Header(new RolloutProgress(new RolloutCounts(0, 3, 0, 0, 0, 1), new Dictionary<string, int>()));
        _store.Setup(s => s.GetAsync("r1", It.IsAny<CancellationToken>())).ReturnsAsync(before);
        _store.Setup(s => s.ReadStepItemsAsync("r1", It.IsAny<int>(), It.IsAny<CancellationToken>())).Returns(Items().ToAsyncEnumerable());
        _store.Setup(s => s.TryUpdateAsync(It.IsAny<RolloutRecord>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((RolloutRecord r, CancellationToken _) => Written(r));
        CommandsEnd(("c1", CommandState.Succeeded, 0), ("c2", CommandState.Failed, 85015), ("c3", CommandState.Running, 0));

        var after = await Driver().StepAsync("r1");

        var written = Assert.Single(_headerWrites);
        Assert.Equal(RolloutState.Running, written.State);
        Assert.Equal(HalfDone, written.Progress!.Counts);
        Assert.Equal(new Dictionary<string, int> { ["85015"] = 1 }, written.Progress.FailuresByErrcode);
        Assert.Equal(HalfDone, after!.Progress!.Counts);
    }

    [Fact]
    public async Task StepAsync_OperatorPausedWhileTheStepRan_ProgressRecordedOnThePausedHeader()
    {
        var running = Header(new RolloutProgress(new RolloutCounts(0, 3, 0, 0, 0, 1), new Dictionary<string, int>()));
        var paused = running with { State = RolloutState.Paused, Reason = "pause by an operator", ETag = "etag-2" };
        _store.SetupSequence(s => s.GetAsync("r1", It.IsAny<CancellationToken>())).ReturnsAsync(running).ReturnsAsync(paused);
        _store.Setup(s => s.ReadStepItemsAsync("r1", It.IsAny<int>(), It.IsAny<CancellationToken>())).Returns(Items().ToAsyncEnumerable());
        _store.Setup(s => s.TryUpdateAsync(It.IsAny<RolloutRecord>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((RolloutRecord r, CancellationToken _) => r.ETag == "etag-2" ? Written(r) : null);
        CommandsEnd(("c1", CommandState.Succeeded, 0), ("c2", CommandState.Failed, 85015), ("c3", CommandState.Running, 0));

        await Driver().StepAsync("r1");

        var written = Assert.Single(_headerWrites);
        Assert.Equal((RolloutState.Paused, "pause by an operator"), (written.State, written.Reason));
        Assert.Equal(HalfDone, written.Progress!.Counts);
    }

    [Fact]
    public async Task StepAsync_NothingChanged_WritesNoHeader()
    {
        _store.Setup(s => s.GetAsync("r1", It.IsAny<CancellationToken>())).ReturnsAsync(Header(new RolloutProgress(HalfDone, new Dictionary<string, int> { ["85015"] = 1 })));
        _store.Setup(s => s.ReadStepItemsAsync("r1", It.IsAny<int>(), It.IsAny<CancellationToken>())).Returns(Items(afterStep: true).ToAsyncEnumerable());
        CommandsEnd(("c3", CommandState.Running, 0));

        await Driver().StepAsync("r1");

        _store.Verify(s => s.TryUpdateAsync(It.IsAny<RolloutRecord>(), It.IsAny<CancellationToken>()), Times.Never());
    }

    /// <summary>
    /// A step of a large rollout runs for minutes; its counts used to reach the header only at its end. Here each item
    /// takes 3 s (of the fake clock), one at a time: the header is written while the step runs, with the counts as of
    /// the last step moved by the items it has changed so far.
    /// </summary>
    [Fact]
    public async Task StepAsync_LongStep_CountsWrittenIntoTheHeaderWhileItRuns()
    {
        var before = Header(new RolloutProgress(new RolloutCounts(0, 3, 0, 0, 0, 1), new Dictionary<string, int>()));
        _store.Setup(s => s.GetAsync("r1", It.IsAny<CancellationToken>())).ReturnsAsync(before);
        _store.Setup(s => s.ReadStepItemsAsync("r1", It.IsAny<int>(), It.IsAny<CancellationToken>())).Returns(Items().ToAsyncEnumerable());
        _store.Setup(s => s.TryUpdateAsync(It.IsAny<RolloutRecord>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((RolloutRecord r, CancellationToken _) => Written(r));
        _commands.Setup(c => c.GetAsync(It.IsAny<string>(), It.IsAny<CancellationToken>())).ReturnsAsync((string id, CancellationToken _) =>
        {
            _time.Advance(TimeSpan.FromSeconds(3));
            return new CommandRecord
            {
                CommandId = id, Api = "modify_domain", CreatedAt = T0,
                State = id == "c2" ? CommandState.Failed : CommandState.Succeeded,
                LastErrorCode = id == "c2" ? 85015 : null,
            };
        });

        await Driver(concurrency: 1).StepAsync("r1");

        var counts = _headerWrites.Select(h => h.Progress!.Counts).ToList();
        Assert.True(counts.Count == 2, $"header writes: {string.Join("; ", counts)}; expected one while the step ran (after 6 s) and one at its end");
        Assert.Equal(HalfDone, counts[0]);
        Assert.Equal(new Dictionary<string, int> { ["85015"] = 1 }, _headerWrites[0].Progress!.FailuresByErrcode);
        Assert.Equal((new RolloutCounts(0, 0, 2, 1, 0, 1), 1), (counts[1], _headerWrites[1].Wave));
    }

    /// <summary>A pause made while a long step runs is seen by its next progress write: no further item is applied.</summary>
    [Fact]
    public async Task StepAsync_PausedWhileTheStepRuns_AppliesNoFurtherItem()
    {
        var running = Header(new RolloutProgress(new RolloutCounts(3, 1, 0, 0, 0, 0), new Dictionary<string, int>()));
        var paused = running with { State = RolloutState.Paused, Reason = "pause by an operator", ETag = "etag-2" };
        _store.SetupSequence(s => s.GetAsync("r1", It.IsAny<CancellationToken>())).ReturnsAsync(running).ReturnsAsync(paused);
        List<RolloutItem> items =
        [
            new(0, "wx00000000000000a0", RolloutItemState.Running, [], 1, ["c0"], null, null, "e"),
            .. Enumerable.Range(1, 3).Select(i => new RolloutItem(i, $"wx00000000000000a{i}", RolloutItemState.Pending, [], 1, [], null, null, "e")),
        ];
        _store.Setup(s => s.ReadStepItemsAsync("r1", It.IsAny<int>(), It.IsAny<CancellationToken>())).Returns(items.ToAsyncEnumerable());
        _store.Setup(s => s.TryUpdateAsync(It.IsAny<RolloutRecord>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((RolloutRecord r, CancellationToken _) => r.ETag == "etag-1" ? null : Written(r));
        var itemWrites = new List<int>();
        _store.Setup(s => s.TryUpdateItemAsync("r1", It.IsAny<RolloutItem>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((string _, RolloutItem item, CancellationToken _) =>
            {
                itemWrites.Add(item.Index);
                return item;
            });
        _commands.Setup(c => c.GetAsync("c0", It.IsAny<CancellationToken>())).ReturnsAsync(() =>
        {
            _time.Advance(TimeSpan.FromSeconds(6));
            return new CommandRecord { CommandId = "c0", Api = "modify_domain", State = CommandState.Succeeded, CreatedAt = T0 };
        });

        await Driver(concurrency: 1).StepAsync("r1");

        Assert.True(itemWrites.SequenceEqual([0]), $"items written: [{string.Join(", ", itemWrites)}]; after the pause was seen none may be applied");
        Assert.All(_headerWrites, h => Assert.Equal(RolloutState.Paused, h.State));
        Assert.Equal(new RolloutCounts(3, 0, 1, 0, 0, 0), _headerWrites[^1].Progress!.Counts);
    }

    private static RolloutRecord Header(RolloutProgress? progress) =>
        new("r1", "p", 2, new RolloutRequest(4, [100], 1), RolloutState.Running, 0, true, 4, null, T0, progress, "etag-1");

    /// <summary>Four items in the canary: one unchanged, three running (c1, c2, c3); or, after a step, c1 and c2 ended.</summary>
    private static List<RolloutItem> Items(bool afterStep = false) =>
    [
        new(0, "wx00000000000000a0", RolloutItemState.Unchanged, [], 0, [], null, null, "e"),
        new(1, "wx00000000000000a1", !afterStep ? RolloutItemState.Running : RolloutItemState.Succeeded, [], 1, ["c1"], null, null, "e"),
        !afterStep
            ? new(2, "wx00000000000000a2", RolloutItemState.Running, [], 1, ["c2"], null, null, "e")
            : new(2, "wx00000000000000a2", RolloutItemState.Failed, [], 1, ["c2"], 85015, "modify_domain failed", "e"),
        new(3, "wx00000000000000a3", RolloutItemState.Running, [], 1, ["c3"], null, null, "e"),
    ];

    private void CommandsEnd(params (string Id, CommandState State, int ErrorCode)[] commands)
    {
        foreach (var (id, state, errorCode) in commands)
        {
            _commands.Setup(c => c.GetAsync(id, It.IsAny<CancellationToken>())).ReturnsAsync(new CommandRecord
            {
                CommandId = id, Api = "modify_domain", State = state, LastErrorCode = errorCode == 0 ? null : errorCode, CreatedAt = T0,
            });
        }
    }

    private RolloutRecord Written(RolloutRecord header)
    {
        _headerWrites.Add(header);
        return header with { ETag = "etag-written" };
    }

    private RolloutService Service() =>
        new(_store.Object, _profiles.Object, new FleetPlanner(_profiles.Object, Mock.Of<IAuthorizerRegistry>(), new ProcessingOptions(), Options.Create(new ProfileOptions()), _time), _time);

    private RolloutDriver Driver(int concurrency = 16) => RolloutDrivers.Create(_store.Object, _profiles.Object, _commands.Object, _time, concurrency);
}
