using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.WeChat.Tests.Client;

public sealed class WeChatClientResponseTests : WeChatClientTestBase
{
    private const string Rid = "5f8e1c2a-1b2c3d4e-5f6a7b8c";

    [Fact]
    public async Task ModifyDomain_Success_MapsTheListsAndTransportDetails()
    {
        Server.Reply(ScriptedReply.Json(
            """{"errcode":0,"errmsg":"ok","requestdomain":["https://a.example.com"],"wsrequestdomain":[],"uploaddomain":["https://up.example.com"],"downloaddomain":[]}"""));
        var sut = CreateSut();

        var result = await sut.ModifyDomainAsync(AuthorizerToken, AddRequestDomain("https://a.example.com"));

        Assert.True(result.IsSuccess);
        Assert.Equal(WeChatErrorCode.Ok, result.ErrorCode);
        Assert.Equal("ok", result.ErrorMessage);
        Assert.Equal(200, result.HttpStatus);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(WeChatTransportOutcome.Responded, result.Transport);
        Assert.Equal(["https://a.example.com"], result.Value!.RequestDomain!);
        Assert.Equal(["https://up.example.com"], result.Value.UploadDomain!);
        Assert.Empty(result.Value.UdpDomain!);
    }

    [Theory]
    [InlineData(85017, "no domain to modify")]
    [InlineData(86102, "reach modify quota limit")]
    [InlineData(40001, "invalid credential, access_token is invalid or not latest rid: " + Rid)]
    public async Task ModifyDomain_ErrcodeReply_IsAResultNotAnException(int errcode, string errmsg)
    {
        Server.Reply(ScriptedReply.Error(errcode, errmsg));
        var sut = CreateSut();

        var result = await sut.ModifyDomainAsync(AuthorizerToken, AddRequestDomain("https://a.example.com"));

        Assert.False(result.IsSuccess);
        Assert.Equal(errcode, result.ErrorCode.Value);
        Assert.Equal(errmsg, result.ErrorMessage);
        Assert.Null(result.Value);
        Assert.Equal(WeChatTransportOutcome.Responded, result.Transport);
        Assert.Equal(1, result.Attempts);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task ModifyDomain_ErrmsgWithRid_ExposesTheRid()
    {
        Server.Reply(ScriptedReply.Error(40001, "invalid credential, access_token is invalid or not latest rid: " + Rid));
        var sut = CreateSut();

        var result = await sut.ModifyDomainAsync(AuthorizerToken, AddRequestDomain("https://a.example.com"));

        Assert.Equal(Rid, result.Rid);
        Assert.Equal(WeChatErrorClass.TokenInvalid, result.ErrorCode.Class);
    }

    [Fact]
    public async Task ModifyDomain_ErrmsgEchoingTheToken_RedactsItFromTheResult()
    {
        Server.Reply(ScriptedReply.Error(40001, "invalid credential " + AuthorizerTokenValue));
        var sut = CreateSut();

        var result = await sut.ModifyDomainAsync(AuthorizerToken, AddRequestDomain("https://a.example.com"));

        Assert.DoesNotContain(AuthorizerTokenValue, result.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetWebviewDomain_GetReply_MapsTheList()
    {
        Server.Reply(ScriptedReply.Json("""{"errcode":0,"errmsg":"ok","webviewdomain":["https://h5.example.com"]}"""));
        var sut = CreateSut();

        var result = await sut.SetWebviewDomainAsync(AuthorizerToken, new SetWebviewDomainRequest(DomainAction.Get, null));

        Assert.Equal(["https://h5.example.com"], result.Value!.WebviewDomain);
    }

    [Fact]
    public async Task ModifyJumpDomain_SemicolonSeparatedReply_SplitsIntoHosts()
    {
        Server.Reply(ScriptedReply.Json(
            """{"errcode":0,"errmsg":"ok","published_wxa_jump_h5_domain":"www.qq.com;wx.qq.com","testing_wxa_jump_h5_domain":"www.qq.com;wx.qq.com;beta.qq.com;","invalid_wxa_jump_h5_domain":"bad.example.com"}"""));
        var sut = CreateSut();

        var result = await sut.ModifyJumpDomainAsync(ComponentToken, new ModifyJumpDomainRequest(DomainAction.Get, null, null));

        Assert.Equal(["www.qq.com", "wx.qq.com"], result.Value!.Published);
        Assert.Equal(["www.qq.com", "wx.qq.com", "beta.qq.com"], result.Value.Testing);
        Assert.Equal(["bad.example.com"], result.Value.Invalid);
    }

    [Fact]
    public async Task ModifyJumpDomain_AbsentOrEmptyFields_GiveEmptyLists()
    {
        Server.Reply(ScriptedReply.Json("""{"errcode":0,"errmsg":"ok","testing_wxa_jump_h5_domain":""}"""));
        var sut = CreateSut();

        var result = await sut.ModifyJumpDomainAsync(ComponentToken, new ModifyJumpDomainRequest(DomainAction.Get, null, null));

        Assert.Empty(result.Value!.Published);
        Assert.Empty(result.Value.Testing);
        Assert.Empty(result.Value.Invalid);
    }

    [Fact]
    public async Task GetEffectiveDomain_Reply_MapsTheFourViews()
    {
        Server.Reply(ScriptedReply.Json(
            """
            {"errcode":0,"errmsg":"ok",
             "mp_domain":{"requestdomain":["https://mp.example.com"],"wsrequestdomain":[],"uploaddomain":[],"downloaddomain":[],"udpdomain":[],"tcpdomain":[]},
             "third_domain":{"requestdomain":["https://third.example.com"]},
             "direct_domain":{"udpdomain":["udp://direct.example.com"],"tcpdomain":["tcp://direct.example.com"]},
             "effective_domain":{"requestdomain":["https://mp.example.com","https://third.example.com"],"udpdomain":["udp://direct.example.com"]}}
            """));
        var sut = CreateSut();

        var result = await sut.GetEffectiveDomainAsync(AuthorizerToken);

        var value = result.Value!;
        Assert.Equal(["https://mp.example.com"], value.Mp.RequestDomain!);
        Assert.Equal(["https://third.example.com"], value.Third.RequestDomain!);
        Assert.Equal(["tcp://direct.example.com"], value.Direct.TcpDomain!);
        Assert.Equal(["https://mp.example.com", "https://third.example.com"], value.Effective.RequestDomain!);
        Assert.Equal(["udp://direct.example.com"], value.Effective.UdpDomain!);
        Assert.Empty(value.Third.DownloadDomain!);
    }

    [Fact]
    public async Task GetEffectiveWebviewDomain_Reply_MapsTheFourViews()
    {
        Server.Reply(ScriptedReply.Json(
            """{"errcode":0,"errmsg":"ok","mp_webviewdomain":["https://mp.example.com"],"third_webviewdomain":["https://third.example.com"],"direct_webviewdomain":[],"effective_webviewdomain":["https://mp.example.com","https://third.example.com"]}"""));
        var sut = CreateSut();

        var result = await sut.GetEffectiveWebviewDomainAsync(AuthorizerToken);

        Assert.Equal(["https://mp.example.com"], result.Value!.Mp);
        Assert.Equal(["https://third.example.com"], result.Value.Third);
        Assert.Empty(result.Value.Direct);
        Assert.Equal(2, result.Value.Effective.Count);
    }

    [Fact]
    public async Task GetComponentToken_ReplyWithoutErrcode_IsASuccessWithTokenAndExpiry()
    {
        Server.Reply(ScriptedReply.Json("""{"component_access_token":"new-component-token","expires_in":7200}"""));
        var sut = CreateSut();

        var result = await sut.GetComponentTokenAsync(new ComponentTokenRequest("wxcomponent01", "secret-01", "ticket-01"));

        Assert.True(result.IsSuccess);
        Assert.Equal(0, result.ErrorCode.Value);
        Assert.Equal("new-component-token", result.Value!.AccessToken.Value);
        Assert.Equal(TimeSpan.FromHours(2), result.Value.ExpiresIn);
    }

    [Fact]
    public async Task GetComponentToken_TicketExpired_IsATicketInvalidResult()
    {
        Server.Reply(ScriptedReply.Error(61005, "component ticket is expired"));
        var sut = CreateSut();

        var result = await sut.GetComponentTokenAsync(new ComponentTokenRequest("wxcomponent01", "secret-01", "ticket-01"));

        Assert.Equal(WeChatErrorClass.TicketInvalid, result.ErrorCode.Class);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task GetAuthorizerToken_Reply_MapsAccessAndRefreshTokens()
    {
        Server.Reply(ScriptedReply.Json(
            """{"authorizer_access_token":"new-authorizer-token","expires_in":7200,"authorizer_refresh_token":"new-refresh-token"}"""));
        var sut = CreateSut();

        var result = await sut.GetAuthorizerTokenAsync(ComponentToken, new AuthorizerTokenRequest("wxcomponent01", "wxauthorizer01", "old-refresh"));

        Assert.Equal("new-authorizer-token", result.Value!.AccessToken.Value);
        Assert.Equal("new-refresh-token", result.Value.RefreshToken);
        Assert.Equal(TimeSpan.FromSeconds(7200), result.Value.ExpiresIn);
    }

    [Fact]
    public async Task QueryAuth_Reply_MapsAuthorizationInfoAndPermissionSets()
    {
        Server.Reply(ScriptedReply.Json(
            """
            {"authorization_info":{"authorizer_appid":"wxauthorizer01","authorizer_access_token":"auth-access","expires_in":7200,
             "authorizer_refresh_token":"auth-refresh","func_info":[{"funcscope_category":{"id":17}},{"funcscope_category":{"id":18}},{"other":{}}]}}
            """));
        var sut = CreateSut();

        var result = await sut.QueryAuthAsync(ComponentToken, new QueryAuthRequest("wxcomponent01", "code-01"));

        var info = result.Value!;
        Assert.Equal("wxauthorizer01", info.AuthorizerAppId);
        Assert.Equal("auth-access", info.AccessToken.Value);
        Assert.Equal("auth-refresh", info.RefreshToken);
        Assert.Equal(TimeSpan.FromHours(2), info.ExpiresIn);
        Assert.Equal([17, 18], info.PermissionSetIds);
    }

    [Fact]
    public async Task GetComponentToken_SuccessWithoutToken_IsAnInvalidResponse()
    {
        Server.Reply(ScriptedReply.Json("""{"expires_in":7200}"""));
        var sut = CreateSut();

        var result = await sut.GetComponentTokenAsync(new ComponentTokenRequest("wxcomponent01", "secret-01", "ticket-01"));

        Assert.Equal(WeChatTransportOutcome.InvalidResponse, result.Transport);
        Assert.False(result.IsSuccess);
    }

    [Theory]
    [InlineData("<html>gateway</html>")]
    [InlineData("""{"errcode":"zero"}""")]
    [InlineData("null")]
    public async Task GetEffectiveDomain_GarbageBody_IsAnInvalidResponseAndNotRetried(string body)
    {
        Server.Reply(ScriptedReply.Json(body));
        var sut = CreateSut();

        var result = await sut.GetEffectiveDomainAsync(AuthorizerToken);

        Assert.Equal(WeChatTransportOutcome.InvalidResponse, result.Transport);
        Assert.Equal(-1, result.ErrorCode.Value);
        Assert.Equal(200, result.HttpStatus);
        Assert.Equal(1, result.Attempts);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task GetEffectiveDomain_Http404_IsAnHttpErrorAndNotRetried()
    {
        Server.Reply(ScriptedReply.HttpStatus(404));
        var sut = CreateSut();

        var result = await sut.GetEffectiveDomainAsync(AuthorizerToken);

        Assert.Equal(WeChatTransportOutcome.HttpError, result.Transport);
        Assert.Equal(404, result.HttpStatus);
        Assert.Single(Server.Requests);
    }
}
