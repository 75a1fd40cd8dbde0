using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.WeChat.Tests.Client;

public sealed class WeChatClientLoggingTests : WeChatClientTestBase
{
    private const string Secret = "SECRET-appsecret-0001";
    private const string Ticket = "TICKET-verify-0002";
    private const string RefreshToken = "REFRESH-token-0003";
    private const string NewAccessToken = "NEW-ACCESS-token-0004";
    private const string NewRefreshToken = "NEW-REFRESH-token-0005";

    [Fact]
    public async Task ModifyDomain_Completed_LogsOneLineWithApiErrcodeStatusAndAttempts()
    {
        Server.Reply(ScriptedReply.Error(-1, "system error"), ScriptedReply.Error(85017, "no domain to modify rid: 0a1b-2c3d"));
        var sut = CreateSut();

        await sut.ModifyDomainAsync(AuthorizerToken, new ModifyDomainRequest(DomainAction.Get, new ServerDomains()));

        var line = Assert.Single(Logs.GetSnapshot(), r => r.Id.Id == 1100);
        Assert.Equal(LogLevel.Warning, line.Level);
        var state = line.StructuredState!.ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal(WeChatApi.ModifyDomain, state["Api"]);
        Assert.Equal("85017", state["ErrorCode"]);
        Assert.Equal("200", state["HttpStatus"]);
        Assert.Equal("2", state["Attempts"]);
        Assert.Equal("0a1b-2c3d", state["Rid"]);
        Assert.Contains("/wxa/modify_domain?access_token=***", line.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AllApis_Called_NoTokenSecretOrTicketInAnyLogLine()
    {
        Server.Reply(
            ScriptedReply.Error(-1, "system error"),
            ScriptedReply.Ok(),
            ScriptedReply.AbortConnection(),
            ScriptedReply.Ok(),
            ScriptedReply.Ok(),
            ScriptedReply.Json($$"""{"component_access_token":"{{NewAccessToken}}","expires_in":7200}"""),
            ScriptedReply.Json($$"""{"authorizer_access_token":"{{NewAccessToken}}","expires_in":7200,"authorizer_refresh_token":"{{NewRefreshToken}}"}"""),
            ScriptedReply.Json($$$"""{"authorization_info":{"authorizer_appid":"wx01","authorizer_access_token":"{{{NewAccessToken}}}","expires_in":7200,"authorizer_refresh_token":"{{{NewRefreshToken}}}"}}"""));
        var sut = CreateSut();

        await sut.ModifyDomainAsync(AuthorizerToken, AddRequestDomain("https://a.example.com"));
        await sut.SetWebviewDomainAsync(AuthorizerToken, new SetWebviewDomainRequest(DomainAction.Get, null));
        await sut.ModifyJumpDomainAsync(ComponentToken, new ModifyJumpDomainRequest(DomainAction.Get, null, null));
        await sut.GetComponentTokenAsync(new ComponentTokenRequest("wxcomponent01", Secret, Ticket));
        await sut.GetAuthorizerTokenAsync(ComponentToken, new AuthorizerTokenRequest("wxcomponent01", "wx01", RefreshToken));
        await sut.QueryAuthAsync(ComponentToken, new QueryAuthRequest("wxcomponent01", "code-01"));

        var records = Logs.GetSnapshot();
        Assert.Equal(6, records.Count(r => r.Id.Id == 1100));
        Assert.Contains(records, r => r.Message.Contains("component_access_token=***", StringComparison.Ordinal));
        string[] secrets = [AuthorizerTokenValue, ComponentTokenValue, Secret, Ticket, RefreshToken, NewAccessToken, NewRefreshToken];
        foreach (var text in records.SelectMany(AllText))
        {
            foreach (var secret in secrets)
            {
                Assert.DoesNotContain(secret, text, StringComparison.Ordinal);
            }
        }
    }

    private static IEnumerable<string> AllText(FakeLogRecord record)
    {
        yield return record.Message;
        yield return record.Exception?.ToString() ?? string.Empty;
        foreach (var pair in record.StructuredState ?? [])
        {
            yield return pair.Value ?? string.Empty;
        }
    }
}
