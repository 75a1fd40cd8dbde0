using Microsoft.Extensions.Time.Testing;
using Moq;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Core.Tests.Processing;

/// <summary>
/// The lost wake-up of the order gate: a command saw its lane's head unfinished, and the head ended before the command
/// was stored Deferred behind it. The head's nudge found the command not yet Deferred and did nothing, so the command
/// waited out <see cref="ProcessingOptions.OrderRecheck"/> (1 minute) however soon its turn came. Found by reading the
/// code after the storage-fault drill timed out with a command still Deferred in its lane (storage retries widen that
/// window); not shown to be that run's cause. Once stored Deferred, the command now looks at its blocker again.
/// </summary>
public sealed class OrderGateWakeTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private static readonly CommandHeader Follower = new("follower", "modify_domain", "add", "wx0a1b2c3d4e5f6a01", null, "{}");

    private readonly Mock<ICommandStore> _store = new();
    private readonly List<CommandRecord> _replaced = [];

    public OrderGateWakeTests()
    {
        _store.Setup(s => s.GetAsync("follower", It.IsAny<CancellationToken>())).ReturnsAsync(new CommandRecord
        {
            CommandId = "follower", Api = "modify_domain", State = CommandState.Deferred, WakeBy = DeferralWake.Timer, CreatedAt = Now,
            NextAttemptAt = Now.AddMinutes(1), Reason = OrderGateConstants.HeldReasonPrefix + "head",
        });
        _store.Setup(s => s.TryReplaceAsync(It.IsAny<CommandRecord>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((CommandRecord r, CancellationToken _) =>
            {
                _replaced.Add(r);
                return r;
            });
    }

    [Theory]
    [InlineData(CommandState.Succeeded)]
    [InlineData(CommandState.Failed)]
    public async Task WakeIfBlockerEndedAsync_HeadEndedBeforeTheHoldWasStored_FollowerDueNow(CommandState ended)
    {
        Head(ended);

        await Gate().WakeIfBlockerEndedAsync(Follower, "head", CancellationToken.None);

        Assert.True(_replaced.Count == 1, $"{_replaced.Count} write(s) of the follower; expected one making it due now");
        Assert.Equal(Now, _replaced[0].NextAttemptAt);
    }

    [Theory]
    [InlineData(CommandState.Running)]
    [InlineData(CommandState.Deferred)]
    public async Task WakeIfBlockerEndedAsync_HeadStillUnfinished_FollowerLeftForTheHeadsNudge(CommandState unfinished)
    {
        Head(unfinished);

        await Gate().WakeIfBlockerEndedAsync(Follower, "head", CancellationToken.None);

        Assert.Empty(_replaced);
    }

    private void Head(CommandState state) =>
        _store.Setup(s => s.GetAsync("head", It.IsAny<CancellationToken>()))
            .ReturnsAsync(new CommandRecord { CommandId = "head", Api = "modify_domain", State = state, CreatedAt = Now });

    private OrderGate Gate() => new(_store.Object, new FakeTimeProvider(Now), new ProcessingOptions());
}
