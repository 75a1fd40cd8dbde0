using System.Net.Http.Json;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Sandbox.Tests.Support;
using WeChatDomains.Testing;

namespace WeChatDomains.Sandbox.Tests;

public sealed class TokenApiTests(SandboxServer sandbox) : SandboxTest(sandbox)
{
    private const string ComponentTokenPath = "/cgi-bin/component/api_component_token";
    private const string AuthorizerTokenPath = "/cgi-bin/component/api_authorizer_token";
    private const string QueryAuthPath = "/cgi-bin/component/api_query_auth";
    private const string JumpGet = "/cgi-bin/component/modify_wxa_jump_domain";

    [Fact]
    public async Task ComponentToken_PushedTicket_IssuesTokenThatWorks()
    {
        var ticket = await PushTicketAsync();

        var answer = await RequestComponentTokenAsync(ticket);

        Assert.Equal(0, answer.ErrCode);
        Assert.Equal(7200, answer.Json.GetProperty("expires_in").GetInt32());
        var token = answer.Text("component_access_token");
        Assert.Equal(0, (await Http.PostWeChatAsync(JumpGet, token, new { action = "get" })).ErrCode);
    }

    [Fact]
    public async Task ComponentToken_UnknownTicket_Answers61006()
    {
        await PushTicketAsync();

        var answer = await RequestComponentTokenAsync("ticket@@@not-pushed");

        Assert.Equal(61006, answer.ErrCode);
    }

    [Fact]
    public async Task ComponentToken_TicketOlderThan12Hours_Answers61006()
    {
        var ticket = await PushTicketAsync();
        await Sandbox.AdvanceClockAsync(TimeSpan.FromHours(12) + TimeSpan.FromSeconds(1));

        var answer = await RequestComponentTokenAsync(ticket);

        Assert.Equal(61006, answer.ErrCode);
    }

    [Fact]
    public async Task ComponentToken_WrongSecret_Answers40125AndIssuesNothing()
    {
        var ticket = await PushTicketAsync();

        var answer = await Http.PostWeChatAsync(ComponentTokenPath, null, new
        {
            component_appid = SandboxSeed.PlatformAppId,
            component_appsecret = "wrong",
            component_verify_ticket = ticket,
        });

        Assert.Equal(40125, answer.ErrCode);
        Assert.False(answer.Has("component_access_token"));
    }

    [Fact]
    public async Task AuthorizerToken_SeededRefreshToken_IssuesTokenThatWorks()
    {
        var answer = await RequestAuthorizerTokenAsync(SandboxSeed.MiniProgramRefreshToken);

        Assert.Equal(0, answer.ErrCode);
        Assert.Equal(SandboxSeed.MiniProgramRefreshToken, answer.Text("authorizer_refresh_token"));
        Assert.Equal(7200, answer.Json.GetProperty("expires_in").GetInt32());
        var get = await Http.PostWeChatAsync("/wxa/modify_domain", answer.Text("authorizer_access_token"), new { action = "get" });
        Assert.Equal(0, get.ErrCode);
    }

    [Fact]
    public async Task AuthorizerToken_WrongRefreshToken_Answers61023()
    {
        var answer = await RequestAuthorizerTokenAsync("refreshtoken@@@stale");

        Assert.Equal(61023, answer.ErrCode);
        Assert.False(answer.Has("authorizer_access_token"));
    }

    [Fact]
    public async Task AuthorizerToken_AuthorizerTokenInsteadOfComponentToken_Answers40001()
    {
        var answer = await Http.PostWeChatAsync(AuthorizerTokenPath, await Sandbox.MintAuthorizerTokenAsync(), AuthorizerTokenBody("x"), "component_access_token");

        Assert.Equal(40001, answer.ErrCode);
    }

    [Fact]
    public async Task QueryAuth_CodeFromAuthorizedPush_ReturnsAuthorizationInfoOnce()
    {
        await using var recorder = await SandboxPushRecorder.StartAsync();
        using var push = await Http.PostAsJsonAsync($"sandbox/authorizers/{SandboxSeed.MiniProgramAppId}/authorize", new PushRequest(recorder.Url.ToString()));
        push.EnsureSuccessStatusCode();
        var (xml, _) = Decrypt(recorder.Pushes.Single());
        Assert.Equal("authorized", (string?)xml.Element("InfoType"));
        Assert.Equal(SandboxSeed.MiniProgramAppId, (string?)xml.Element("AuthorizerAppid"));
        var code = (string)xml.Element("AuthorizationCode")!;

        var first = await QueryAuthAsync(code);
        var second = await QueryAuthAsync(code);

        Assert.Equal(0, first.ErrCode);
        var info = first.Json.GetProperty("authorization_info");
        Assert.Equal(SandboxSeed.MiniProgramAppId, info.GetProperty("authorizer_appid").GetString());
        Assert.Equal(SandboxSeed.MiniProgramRefreshToken, info.GetProperty("authorizer_refresh_token").GetString());
        Assert.Equal(18, info.GetProperty("func_info")[0].GetProperty("funcscope_category").GetProperty("id").GetInt32());
        var get = await Http.PostWeChatAsync("/wxa/modify_domain", info.GetProperty("authorizer_access_token").GetString(), new { action = "get" });
        Assert.Equal(0, get.ErrCode);
        Assert.Equal(61009, second.ErrCode);
    }

    [Fact]
    public async Task QueryAuth_ExpiredCode_Answers61010()
    {
        await using var recorder = await SandboxPushRecorder.StartAsync();
        (await Http.PostAsJsonAsync($"sandbox/authorizers/{SandboxSeed.MiniProgramAppId}/authorize", new PushRequest(recorder.Url.ToString()))).EnsureSuccessStatusCode();
        var code = (string)Decrypt(recorder.Pushes.Single()).Xml.Element("AuthorizationCode")!;
        await Sandbox.AdvanceClockAsync(TimeSpan.FromHours(1) + TimeSpan.FromSeconds(1));

        var answer = await QueryAuthAsync(code);

        Assert.Equal(61010, answer.ErrCode);
    }

    [Theory]
    [InlineData("/wxa/modify_domain")]
    [InlineData("/wxa/modify_domain_directly")]
    [InlineData("/wxa/setwebviewdomain")]
    [InlineData("/wxa/get_effective_domain")]
    [InlineData("/wxa/get_effective_webviewdomain")]
    [InlineData("/cgi-bin/component/modify_wxa_jump_domain")]
    public async Task AnyApi_TokenMissingWrongOrExpired_Answers41001_40001_42001(string path)
    {
        var token = path.Contains("component", StringComparison.Ordinal)
            ? await Sandbox.MintComponentTokenAsync()
            : await Sandbox.MintAuthorizerTokenAsync();
        object body = new { action = "get" };

        var missing = await Http.PostWeChatAsync(path, null, body);
        var wrong = await Http.PostWeChatAsync(path, "not-a-token", body);
        var fresh = await Http.PostWeChatAsync(path, token, body);
        await Sandbox.AdvanceClockAsync(TimeSpan.FromSeconds(7200));
        var expired = await Http.PostWeChatAsync(path, token, body);

        Assert.Equal((41001, 40001, 0, 42001), (missing.ErrCode, wrong.ErrCode, fresh.ErrCode, expired.ErrCode));
    }

    [Fact]
    public async Task AuthorizerToken_NewTokenIssued_OldTokenLastsFiveMinutes()
    {
        var old = await Sandbox.MintAuthorizerTokenAsync();
        await Sandbox.MintAuthorizerTokenAsync();

        var within = await Http.PostWeChatAsync("/wxa/modify_domain", old, new { action = "get" });
        await Sandbox.AdvanceClockAsync(TimeSpan.FromMinutes(5));
        var after = await Http.PostWeChatAsync("/wxa/modify_domain", old, new { action = "get" });

        Assert.Equal((0, 42001), (within.ErrCode, after.ErrCode));
    }

    private async Task<string> PushTicketAsync()
    {
        await using var recorder = await SandboxPushRecorder.StartAsync();
        using var response = await Http.PostAsJsonAsync("sandbox/push-ticket", new PushRequest(recorder.Url.ToString()));
        response.EnsureSuccessStatusCode();
        return (string)Decrypt(recorder.Pushes.Single()).Xml.Element("ComponentVerifyTicket")!;
    }

    private static (System.Xml.Linq.XElement Xml, string AppId) Decrypt(RecordedPush push)
    {
        var encrypt = (string)System.Xml.Linq.XElement.Parse(push.Body).Element("Encrypt")!;
        return PushDecryptor.Decrypt(encrypt, SandboxSeed.EncodingAesKey);
    }

    private Task<WeChatAnswer> RequestComponentTokenAsync(string ticket) => Http.PostWeChatAsync(ComponentTokenPath, null, new
    {
        component_appid = SandboxSeed.PlatformAppId,
        component_appsecret = SandboxSeed.PlatformSecret,
        component_verify_ticket = ticket,
    });

    private async Task<WeChatAnswer> RequestAuthorizerTokenAsync(string refreshToken) =>
        await Http.PostWeChatAsync(AuthorizerTokenPath, await Sandbox.MintComponentTokenAsync(), AuthorizerTokenBody(refreshToken), "component_access_token");

    private async Task<WeChatAnswer> QueryAuthAsync(string code) =>
        await Http.PostWeChatAsync(QueryAuthPath, await Sandbox.MintComponentTokenAsync(), new
        {
            component_appid = SandboxSeed.PlatformAppId,
            authorization_code = code,
        }, "component_access_token");

    private static object AuthorizerTokenBody(string refreshToken) => new
    {
        component_appid = SandboxSeed.PlatformAppId,
        authorizer_appid = SandboxSeed.MiniProgramAppId,
        authorizer_refresh_token = refreshToken,
    };
}
