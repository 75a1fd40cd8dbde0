using System.Text;
using System.Text.Json.Nodes;

namespace WeChatDomains.Client.Tests;

/// <summary>Every builder writes the command of DESIGN section 2, and what it writes is valid.</summary>
public sealed class DomainCommandsTests
{
    private const string AppId = "wx1234567890abcdef";

    public static TheoryData<string> Apis() => new(Built().Keys);

    [Fact]
    public void Builders_CoverEveryApiOfTheContract()
    {
        Assert.Equal(
            WeChatDomains.Core.Commands.CommandConstants.Apis.Order(StringComparer.Ordinal),
            Built().Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void Builder_EachApi_ValidAndNamesTheApi(string api)
    {
        var command = Built()[api];

        Assert.Equal(api, command.Api);
        var errors = CommandValidator.Validate(command);
        Assert.True(errors.Count == 0, $"{api}: {string.Join("; ", errors)}");
    }

    [Fact]
    public void ModifyDomain_Lists_WireShapeWithOnlyTheGivenLists()
    {
        var command = DomainCommands.ModifyDomain("c-1", AppId, DomainChange.Add, new ServerDomainLists { Request = ["https://api.example.com"], Socket = ["wss://ws.example.com"] }, "pipeline");

        var json = JsonNode.Parse(Encoding.UTF8.GetString(command.ToUtf8Json()))!;

        Assert.Equal(
            """{"commandId":"c-1","api":"modify_domain","authorizerAppId":"wx1234567890abcdef","body":{"action":"add","requestdomain":["https://api.example.com"],"wsrequestdomain":["wss://ws.example.com"]},"requestedBy":"pipeline"}""",
            json.ToJsonString());
    }

    [Fact]
    public void ModifyWxaJumpDomain_Hosts_JoinedWithSemicolonNoAuthorizerSessionComponent()
    {
        var command = DomainCommands.ModifyWxaJumpDomain("c-2", DomainChange.Set, ["a.example.com", "b.example.com"], publishedTogether: true);

        var json = JsonNode.Parse(Encoding.UTF8.GetString(command.ToUtf8Json()))!;

        Assert.Null(json["authorizerAppId"]);
        Assert.Equal("a.example.com;b.example.com", (string?)json["body"]!["wxa_jump_h5_domain"]);
        Assert.True((bool?)json["body"]!["is_modify_published_together"]);
        Assert.Equal(ClientConstants.ComponentSessionId, command.SessionId);
    }

    [Fact]
    public void SetWebviewDomain_NoAction_EmptyBodyAddsEveryRegisteredDomain()
    {
        var command = DomainCommands.SetWebviewDomain("c-3", AppId, action: null);

        Assert.Equal("{}", command.Body.ToJsonString());
        Assert.Empty(CommandValidator.Validate(command));
        Assert.Equal(AppId, command.SessionId);
    }

    private static Dictionary<string, CommandMessage> Built()
    {
        CommandMessage[] commands =
        [
            DomainCommands.ModifyDomain("b-1", AppId, DomainChange.Set, new ServerDomainLists { Request = ["https://a.example.com"], Upload = ["https://u.example.com"], Download = ["https://d.example.com"] }),
            DomainCommands.ModifyDomainDirectly("b-2", AppId, DomainChange.Add, new ServerDomainLists { Udp = ["udp://u.example.com"], Tcp = ["tcp://t.example.com:8080"] }),
            DomainCommands.SetWebviewDomain("b-3", AppId, DomainChange.Add, ["https://web.example.com"]),
            DomainCommands.ModifyWxaJumpDomain("b-4", DomainChange.Add, ["jump.example.com"]),
            DomainCommands.GetEffectiveDomain("b-5", AppId),
            DomainCommands.GetEffectiveWebviewDomain("b-6", AppId),
            DomainCommands.ModifyWxaServerDomain("b-7", DomainChange.Add, ["api.example.com", "ws.example.com"], publishedTogether: true),
            DomainCommands.GetDomainConfirmFile("b-8"),
            DomainCommands.SetWebviewDomainDirectly("b-9", AppId, DomainChange.Add, ["https://h5.example.com"]),
            DomainCommands.GetWebviewDomainConfirmFile("b-10", AppId),
            DomainCommands.GetPrefetchDnsDomain("b-11", AppId),
            DomainCommands.SetPrefetchDnsDomain("b-12", AppId, ["d1.example.com", "d2.example.com"]),
        ];
        return commands.ToDictionary(c => c.Api, StringComparer.Ordinal);
    }
}
