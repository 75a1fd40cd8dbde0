using WeChatDomains.Core.Tokens;
using System.Text;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.Functions.Seams;
using WeChatDomains.Functions.Timers;

namespace WeChatDomains.Functions.Tests.Timers;

public sealed class TimerFunctionsTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly Mock<ICommandStore> _store = new();
    private readonly Mock<ServiceBusSender> _sender = new();
    private readonly FakeTimeProvider _time = new(Now);

    [Fact]
    public async Task RefreshTokens_RunAsync_RunsTheSweepOnce()
    {
        var sweep = new Mock<ITokenRefreshSweep>();
        using var cancellation = new CancellationTokenSource();

        await new RefreshTokens(sweep.Object).RunAsync(new TimerInfo(), cancellation.Token);

        sweep.Verify(s => s.RunAsync(cancellation.Token), Times.Once);
    }

    [Fact]
    public async Task ReleaseDeferredCommands_DueCommands_SendsEachOnItsSessionWithItsBody()
    {
        _store.Setup(s => s.ListDueAsync(Now, It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync(
        [
            Record("c-1", "wx0000000000000001"),
            Record("c-2", null),
        ]);
        var sent = new List<ServiceBusMessage>();
        _sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback<ServiceBusMessage, CancellationToken>((m, _) => sent.Add(m))
            .Returns(Task.CompletedTask);

        await CreateRelease().RunAsync(new TimerInfo(), CancellationToken.None);

        Assert.Collection(
            sent,
            m => Assert.Equal(("wx0000000000000001", "c-1~release-202503010800", Body("c-1")), (m.SessionId, m.MessageId, m.Body.ToString())),
            m => Assert.Equal(("component", "c-2~release-202503010800", Body("c-2")), (m.SessionId, m.MessageId, m.Body.ToString())));
    }

    [Fact]
    public async Task ReleaseDeferredCommands_NothingDue_SendsNothing()
    {
        _store.Setup(s => s.ListDueAsync(It.IsAny<DateTimeOffset>(), It.IsAny<int>(), It.IsAny<CancellationToken>())).ReturnsAsync([]);

        await CreateRelease().RunAsync(new TimerInfo(), CancellationToken.None);

        _sender.Verify(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    private ReleaseDeferredCommands CreateRelease() => new(
        new DeferredRelease(_store.Object, _time, NullLogger<DeferredRelease>.Instance),
        _sender.Object,
        _time,
        NullLogger<ReleaseDeferredCommands>.Instance);

    private static string Body(string commandId) => $$"""{"commandId":"{{commandId}}"}""";

    private static CommandRecord Record(string commandId, string? authorizer) => new()
    {
        CommandId = commandId,
        Api = "get_effective_domain",
        AuthorizerAppId = authorizer,
        Body = Body(commandId),
        State = CommandState.Deferred,
        NextAttemptAt = Now.AddMinutes(-1),
        CreatedAt = Now.AddHours(-1),
    };
}
