using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Moq;
using WeChatDomains.Core.Processing;
using WeChatDomains.Functions.Commands;
using WeChatDomains.Functions.Tests.Support;

namespace WeChatDomains.Functions.Tests.Commands;

public sealed class ProcessDomainCommandTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly Mock<ICommandProcessor> _processing = new(MockBehavior.Strict);
    private readonly Mock<ServiceBusMessageActions> _actions = new();
    private readonly Mock<ServiceBusSender> _sender = new();
    private readonly FakeTimeProvider _time = new(Now);
    private readonly List<string> _calls = [];

    public ProcessDomainCommandTests()
    {
        _actions.Setup(a => a.CompleteMessageAsync(It.IsAny<ServiceBusReceivedMessage>(), It.IsAny<CancellationToken>()))
            .Callback(() => _calls.Add("complete")).Returns(Task.CompletedTask);
        _sender.Setup(s => s.ScheduleMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback(() => _calls.Add("schedule")).ReturnsAsync(42L);
    }

    [Fact]
    public async Task RunAsync_AnyMessage_HandsBodyMessageIdAndDeliveryCountToTheProcessor()
    {
        ReceivedMessage? seen = null;
        _processing.Setup(p => p.ProcessAsync(It.IsAny<ReceivedMessage>(), It.IsAny<CancellationToken>()))
            .Callback<ReceivedMessage, CancellationToken>((m, _) => seen = m)
            .ReturnsAsync(new Disposition.Complete());

        await CreateSut().RunAsync(Messages.Received(messageId: "m-7", deliveryCount: 3), _actions.Object, CancellationToken.None);

        Assert.NotNull(seen);
        Assert.Equal("m-7", seen.MessageId);
        Assert.Equal(3, seen.DeliveryCount);
        Assert.Equal(Messages.CommandBody, System.Text.Encoding.UTF8.GetString(seen.Body.Span));
    }

    [Fact]
    public async Task RunAsync_Complete_CompletesTheMessageAndNothingElse()
    {
        Returns(new Disposition.Complete());
        var message = Messages.Received();

        await CreateSut().RunAsync(message, _actions.Object, CancellationToken.None);

        _actions.Verify(a => a.CompleteMessageAsync(message, It.IsAny<CancellationToken>()), Times.Once);
        _actions.VerifyNoOtherCalls();
        _sender.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RunAsync_Deferred_CompletesTheMessageBecauseTheReleaseTimerBringsTheCommandBack()
    {
        Returns(new Disposition.Deferred(Now.AddDays(3), "MonthlyQuota"));
        var message = Messages.Received();

        await CreateSut().RunAsync(message, _actions.Object, CancellationToken.None);

        _actions.Verify(a => a.CompleteMessageAsync(message, It.IsAny<CancellationToken>()), Times.Once);
        _actions.VerifyNoOtherCalls();
        _sender.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RunAsync_RetryAfter_SchedulesACopyOnTheSameSessionAtNowPlusDelayThenCompletes()
    {
        Returns(new Disposition.RetryAfter(TimeSpan.FromSeconds(30), "Transient"));
        var message = Messages.Received(messageId: "c-1", sessionId: "wx0000000000000001");
        ServiceBusMessage? copy = null;
        DateTimeOffset at = default;
        _sender.Setup(s => s.ScheduleMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .Callback<ServiceBusMessage, DateTimeOffset, CancellationToken>((m, t, _) =>
            {
                (copy, at) = (m, t);
                _calls.Add("schedule");
            })
            .ReturnsAsync(42L);

        await CreateSut().RunAsync(message, _actions.Object, CancellationToken.None);

        Assert.Equal(["schedule", "complete"], _calls);
        Assert.Equal(Now.AddSeconds(30), at);
        Assert.Equal("c-1", copy!.ApplicationProperties["originalMessageId"]);
        _sender.Verify(s => s.ScheduleMessageAsync(
            It.Is<ServiceBusMessage>(m => m.SessionId == "wx0000000000000001" && m.MessageId == "c-1~retry-1" && m.Body.ToString() == Messages.CommandBody),
            Now.AddSeconds(30),
            It.IsAny<CancellationToken>()), Times.Once);
        _actions.Verify(a => a.CompleteMessageAsync(message, It.IsAny<CancellationToken>()), Times.Once);
        _actions.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RunAsync_RetryAfterOnARetriedMessage_KeepsTheOriginalIdAndRaisesTheGeneration()
    {
        Returns(new Disposition.RetryAfter(TimeSpan.FromMinutes(2), "Transient"));
        var message = Messages.Received(messageId: "c-1~retry-1", properties: new Dictionary<string, object>
        {
            ["commandId"] = "c-1",
            ["originalMessageId"] = "c-1",
            ["retryGeneration"] = "1",
        });

        await CreateSut().RunAsync(message, _actions.Object, CancellationToken.None);

        _sender.Verify(s => s.ScheduleMessageAsync(
            It.Is<ServiceBusMessage>(m => m.MessageId == "c-1~retry-2" && (string)m.ApplicationProperties["retryGeneration"] == "2" && (string)m.ApplicationProperties["commandId"] == "c-1"),
            Now.AddMinutes(2),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunAsync_DeadLetter_DeadLettersWithTheReasonAndDescription()
    {
        Returns(new Disposition.DeadLetter("Rejected", "body.requestdomain[0]: must start with https://"));
        var message = Messages.Received();

        await CreateSut().RunAsync(message, _actions.Object, CancellationToken.None);

        _actions.Verify(a => a.DeadLetterMessageAsync(message, null, "Rejected", "body.requestdomain[0]: must start with https://", It.IsAny<CancellationToken>()), Times.Once);
        _actions.VerifyNoOtherCalls();
        _sender.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RunAsync_DeadLetterWithAHugeDescription_TruncatesTheDescription()
    {
        Returns(new Disposition.DeadLetter("Failed", new string('x', 5000)));

        await CreateSut().RunAsync(Messages.Received(), _actions.Object, CancellationToken.None);

        _actions.Verify(a => a.DeadLetterMessageAsync(
            It.IsAny<ServiceBusReceivedMessage>(), null, "Failed", It.Is<string>(d => d.Length == FunctionsConstants.MaxDeadLetterDescriptionLength), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task RunAsync_ProcessorThrows_LeavesTheMessageUnsettledForRedelivery()
    {
        _processing.Setup(p => p.ProcessAsync(It.IsAny<ReceivedMessage>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("storage down"));

        await Assert.ThrowsAsync<InvalidOperationException>(() => CreateSut().RunAsync(Messages.Received(), _actions.Object, CancellationToken.None));

        _actions.VerifyNoOtherCalls();
        _sender.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task RunAsync_SchedulingTheRetryFails_DoesNotCompleteTheOriginal()
    {
        Returns(new Disposition.RetryAfter(TimeSpan.FromSeconds(5), "Transient"));
        _sender.Setup(s => s.ScheduleMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<DateTimeOffset>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new TimeoutException());

        await Assert.ThrowsAsync<TimeoutException>(() => CreateSut().RunAsync(Messages.Received(), _actions.Object, CancellationToken.None));

        _actions.VerifyNoOtherCalls();
    }

    private ProcessDomainCommand CreateSut() =>
        new(_processing.Object, new CommandSettlement(_sender.Object, _time, NullLogger<CommandSettlement>.Instance));

    private void Returns(Disposition disposition) =>
        _processing.Setup(p => p.ProcessAsync(It.IsAny<ReceivedMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(disposition);
}
