using System.Text;
using WeChatDomains.Core.Processing;
using WeChatDomains.Functions.Commands;

namespace WeChatDomains.Functions.Tests.Commands;

public sealed class CommandMessagesTests
{
    private static readonly OutboundCommand Command = new("c-1", "wx0000000000000001", Encoding.UTF8.GetBytes("""{"commandId":"c-1"}"""));

    [Fact]
    public void ForSubmission_Command_UsesTheCommandIdAsMessageIdAndTheAuthorizerAsSession()
    {
        var message = CommandMessages.ForSubmission(Command);

        Assert.Equal("c-1", message.MessageId);
        Assert.Equal("wx0000000000000001", message.SessionId);
        Assert.Equal("application/json", message.ContentType);
        Assert.Equal("""{"commandId":"c-1"}""", message.Body.ToString());
        Assert.Equal("c-1", message.ApplicationProperties["commandId"]);
    }

    [Fact]
    public void ForRelease_PlatformCommand_UsesTheComponentSession()
    {
        var message = CommandMessages.ForRelease(Command with { SessionKey = "component" }, new DateTimeOffset(2025, 3, 1, 8, 0, 30, TimeSpan.Zero));

        Assert.Equal("component", message.SessionId);
    }

    [Fact]
    public void ForRelease_SameMinute_GivesTheSameMessageIdSoDuplicateDetectionCollapsesThem()
    {
        var first = CommandMessages.ForRelease(Command, new DateTimeOffset(2025, 3, 1, 8, 0, 1, TimeSpan.Zero));
        var second = CommandMessages.ForRelease(Command, new DateTimeOffset(2025, 3, 1, 8, 0, 59, TimeSpan.Zero));
        var later = CommandMessages.ForRelease(Command, new DateTimeOffset(2025, 3, 1, 8, 1, 0, TimeSpan.Zero));

        Assert.Equal("c-1~release-202503010800", first.MessageId);
        Assert.Equal(first.MessageId, second.MessageId);
        Assert.NotEqual(first.MessageId, later.MessageId);
        Assert.NotEqual(CommandMessages.ForSubmission(Command).MessageId, first.MessageId);
    }

    [Fact]
    public void DeriveId_TooLongForServiceBus_HashesTheBaseAndKeepsTheSuffix()
    {
        var longId = new string('a', 128);

        var id = CommandMessages.DeriveId(longId, "retry-3");

        Assert.True(id.Length <= FunctionsConstants.MaxMessageIdLength);
        Assert.EndsWith("~retry-3", id, StringComparison.Ordinal);
        Assert.Equal(id, CommandMessages.DeriveId(longId, "retry-3"));
        Assert.NotEqual(id, CommandMessages.DeriveId(new string('b', 128), "retry-3"));
    }
}
