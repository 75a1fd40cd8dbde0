using System.Text;
using WeChatDomains.Core.Commands;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Tests.Commands;

public sealed class CommandParserTests
{
    private const string AppId = "wx1234567890abcdef";

    [Fact]
    public void Parse_ModifyDomainAdd_MapsOntoModifyDomainRequest()
    {
        var command = ParseValid(WeChatApi.ModifyDomain, """{"action":"add","requestdomain":["https://API.example.com"],"uploaddomain":[]}""");

        var request = command.ToModifyDomainRequest();

        Assert.Equal(DomainAction.Add, request.Action);
        Assert.Equal(["https://api.example.com"], request.Domains.RequestDomain);
        Assert.Empty(request.Domains.UploadDomain!);
        Assert.Null(request.Domains.WsRequestDomain);
        Assert.Null(request.Domains.UdpDomain);
    }

    [Fact]
    public void Parse_SetWebviewDomainWithoutAction_MapsOntoRequestWithNoActionAndNoList()
    {
        var command = ParseValid(WeChatApi.SetWebviewDomain, "{}");

        var request = command.ToSetWebviewDomainRequest();

        Assert.Null(request.Action);
        Assert.Null(request.WebviewDomain);
        Assert.Null(command.Action);
    }

    [Fact]
    public void Parse_JumpDomainSet_MapsOntoJumpRequestWithSplitHosts()
    {
        var command = ParseValid(
            WeChatApi.ModifyWxaJumpDomain,
            """{"action":"set","wxa_jump_h5_domain":"a.example.com;B.example.com","is_modify_published_together":true}""",
            appId: null);

        var request = command.ToModifyJumpDomainRequest();

        Assert.Null(command.AuthorizerAppId);
        Assert.Equal(new ModifyJumpDomainRequest("set", request.Domains, true), request);
        Assert.Equal(["a.example.com", "b.example.com"], request.Domains);
    }

    [Fact]
    public void Parse_GetEffectiveDomain_HasTheEmptyBody()
    {
        var command = ParseValid(WeChatApi.GetEffectiveDomain, "{ }");

        Assert.Same(EmptyBody.Instance, command.Body);
        Assert.Equal("{ }", command.RawBody);
        Assert.Null(command.Action);
    }

    [Fact]
    public void ToModifyDomainRequest_OnAWebviewCommand_Throws()
    {
        var command = ParseValid(WeChatApi.SetWebviewDomain, """{"action":"get"}""");

        Assert.Throws<InvalidOperationException>(command.ToModifyDomainRequest);
    }

    [Theory]
    [InlineData(WeChatApi.ModifyDomain, """{"action":"add","requestdomain":["https://a.example.com"]}""", true)]
    [InlineData(WeChatApi.ModifyDomainDirectly, """{"action":"set","tcpdomain":["tcp://a.example.com"]}""", true)]
    [InlineData(WeChatApi.ModifyDomain, """{"action":"get"}""", false)]
    [InlineData(WeChatApi.SetWebviewDomain, """{"action":"add","webviewdomain":["https://a.example.com"]}""", false)]
    [InlineData(WeChatApi.GetEffectiveDomain, "{}", false)]
    public void CountsAgainstMonthlyQuota_ByApiAndAction_IsTrueOnlyForServerDomainModifications(string api, string body, bool expected)
    {
        Assert.Equal(expected, ParseValid(api, body).CountsAgainstMonthlyQuota);
    }

    [Fact]
    public void Parse_ServerListOneOverTheLimit_RejectsTheList()
    {
        var hosts = Enumerable.Range(0, CommandConstants.MaxServerDomainsPerList + 1).Select(i => $"\"https://h{i}.example.com\"");
        var result = CommandParser.Parse(Message(WeChatApi.ModifyDomain, $$"""{"action":"add","downloaddomain":[{{string.Join(",", hosts)}}]}""", AppId));

        var error = Assert.Single(result.Errors);
        Assert.Equal("body.downloaddomain", error.Path);
    }

    [Fact]
    public void Parse_MessageOneByteOverTheCap_IsRejectedBeforeParsing()
    {
        var message = new byte[CommandConstants.MaxMessageBytes + 1];

        var result = CommandParser.Parse(message);

        Assert.Equal(ValidationError.MessagePath, Assert.Single(result.Errors).Path);
        Assert.Contains("larger than", result.Errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ParseAsync_ValidStream_ParsesTheCommand()
    {
        using var stream = new MemoryStream(Message(WeChatApi.GetEffectiveWebviewDomain, "{}", AppId));

        var result = await CommandParser.ParseAsync(stream);

        Assert.True(result.IsValid);
        Assert.Equal(WeChatApi.GetEffectiveWebviewDomain, result.Command.Api);
    }

    [Fact]
    public async Task ParseAsync_HugeStream_RejectsAfterReadingOnlyPastTheCap()
    {
        using var stream = new MemoryStream(new byte[CommandConstants.MaxMessageBytes * 4]);

        var result = await CommandParser.ParseAsync(stream);

        Assert.False(result.IsValid);
        Assert.Equal(CommandConstants.MaxMessageBytes + 1, stream.Position);
    }

    [Fact]
    public void Rejected_WithoutReasons_Throws()
    {
        Assert.Throws<ArgumentException>(() => CommandParseResult.Rejected([]));
    }

    private static DomainCommand ParseValid(string api, string body, string? appId = AppId)
    {
        var result = CommandParser.Parse(Message(api, body, appId));
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Command;
    }

    private static byte[] Message(string api, string body, string? appId)
    {
        var app = appId is null ? "" : $"\"authorizerAppId\":\"{appId}\",";
        return Encoding.UTF8.GetBytes($$"""{"commandId":"unit-1","api":"{{api}}",{{app}}"body":{{body}}}""");
    }
}
