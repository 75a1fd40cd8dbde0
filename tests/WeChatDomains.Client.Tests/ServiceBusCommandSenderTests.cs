using System.Text;
using Azure.Messaging.ServiceBus;
using Moq;

namespace WeChatDomains.Client.Tests;

/// <summary>The Service Bus message carries SessionId and MessageId as DESIGN section 2 requires; an invalid command is never sent.</summary>
public sealed class ServiceBusCommandSenderTests
{
    private const string AppId = "wx1234567890abcdef";

    [Fact]
    public async Task SendAsync_AuthorizerCommand_SessionIdIsTheAppIdMessageIdTheCommandId()
    {
        var (sut, sent) = CreateSut();
        var command = DomainCommands.ModifyDomain("sb-1", AppId, DomainChange.Add, new ServerDomainLists { Request = ["https://api.example.com"] });

        await sut.SendAsync(command);

        var message = Assert.Single(sent);
        Assert.Equal(AppId, message.SessionId);
        Assert.Equal("sb-1", message.MessageId);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal(Encoding.UTF8.GetString(command.ToUtf8Json()), message.Body.ToString());
    }

    [Fact]
    public async Task SendAsync_JumpDomainCommand_SessionIdIsComponent()
    {
        var (sut, sent) = CreateSut();

        await sut.SendAsync(DomainCommands.ModifyWxaJumpDomain("sb-2", DomainChange.Add, ["jump.example.com"]));

        Assert.Equal("component", Assert.Single(sent).SessionId);
    }

    [Fact]
    public async Task SendAsync_OneInvalidInABatch_NothingSentEveryReasonListed()
    {
        var (sut, sent) = CreateSut();
        CommandMessage[] batch =
        [
            DomainCommands.GetEffectiveDomain("sb-3", AppId),
            DomainCommands.ModifyDomain("sb-4", "not-an-appid", DomainChange.Add, new ServerDomainLists { Request = ["https://api.weixin.qq.com"] }),
        ];

        var e = await Assert.ThrowsAsync<CommandRejectedException>(() => sut.SendAsync(batch));

        Assert.Empty(sent);
        Assert.Equal("sb-4", e.CommandId);
        Assert.Equal(["authorizerAppId", "body.requestdomain[0]"], e.Errors.Select(x => x.Path).Order(StringComparer.Ordinal));
    }

    private static (ServiceBusCommandSender Sut, List<ServiceBusMessage> Sent) CreateSut()
    {
        var sent = new List<ServiceBusMessage>();
        var sender = new Mock<ServiceBusSender>();
        sender.Setup(s => s.SendMessageAsync(It.IsAny<ServiceBusMessage>(), It.IsAny<CancellationToken>()))
            .Callback<ServiceBusMessage, CancellationToken>((m, _) => sent.Add(m))
            .Returns(Task.CompletedTask);
        sender.Setup(s => s.SendMessagesAsync(It.IsAny<IEnumerable<ServiceBusMessage>>(), It.IsAny<CancellationToken>()))
            .Callback<IEnumerable<ServiceBusMessage>, CancellationToken>((m, _) => sent.AddRange(m))
            .Returns(Task.CompletedTask);
        return (new ServiceBusCommandSender(sender.Object), sent);
    }
}
