using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.WeChat.Tests.Client;

/// <summary>The domain family's six apis on the wire (issue 14): paths, tokens, exact bodies and answer mapping.</summary>
public sealed class WeChatClientDomainFamilyTests : WeChatClientTestBase
{
    private const string TokenQuery = "?access_token=";

    [Fact]
    public async Task ModifyWxaServerDomain_AddTogether_PostsSemicolonHostsWithComponentToken()
    {
        Server.Reply(ScriptedReply.Json(
            """{"errcode":0,"errmsg":"ok","published_wxa_server_domain":"a.example.com;b.example.com","testing_wxa_server_domain":"a.example.com;b.example.com;c.example.com","invalid_wxa_server_domain":"bad.example.com"}"""));
        var sut = CreateSut();

        var result = await sut.ModifyWxaServerDomainAsync(
            ComponentToken, new ModifyWxaServerDomainRequest(DomainAction.Add, ["a.example.com", "b.example.com"], IsModifyPublishedTogether: true));

        var sent = SingleRequest();
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/cgi-bin/component/modify_wxa_server_domain" + TokenQuery + ComponentTokenValue, sent.PathAndQuery);
        Assert.Equal("""{"action":"add","wxa_server_domain":"a.example.com;b.example.com","is_modify_published_together":true}""", sent.Body);
        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal(["a.example.com", "b.example.com"], result.Value!.Published);
        Assert.Equal(["a.example.com", "b.example.com", "c.example.com"], result.Value.Testing);
        Assert.Equal(["bad.example.com"], result.Value.Invalid);
    }

    [Fact]
    public async Task ModifyWxaServerDomain_Get_OmitsTheListAndTheFlag()
    {
        var sut = CreateSut();

        await sut.ModifyWxaServerDomainAsync(ComponentToken, new ModifyWxaServerDomainRequest(DomainAction.Get, null, null));

        Assert.Equal("""{"action":"get"}""", SingleRequest().Body);
    }

    [Fact]
    public async Task GetDomainConfirmFile_PostsEmptyBodyAndMapsTheFile()
    {
        Server.Reply(ScriptedReply.Json("""{"errcode":0,"errmsg":"ok","file_name":"Ab12Cd34Ef.txt","file_content":"0123456789abcdef0123456789abcdef"}"""));
        var sut = CreateSut();

        var result = await sut.GetDomainConfirmFileAsync(ComponentToken);

        var sent = SingleRequest();
        Assert.Equal("/cgi-bin/component/get_domain_confirmfile" + TokenQuery + ComponentTokenValue, sent.PathAndQuery);
        Assert.Equal("{}", sent.Body);
        Assert.Equal(new ConfirmFile("Ab12Cd34Ef.txt", "0123456789abcdef0123456789abcdef"), result.Value);
    }

    [Fact]
    public async Task GetWebviewDomainConfirmFile_SuccessWithoutFileName_IsAnInvalidResponse()
    {
        Server.Reply(ScriptedReply.Json("""{"errcode":0,"errmsg":"ok","file_content":"x"}"""));
        var sut = CreateSut();

        var result = await sut.GetWebviewDomainConfirmFileAsync(AuthorizerToken);

        Assert.Equal("/wxa/get_webviewdomain_confirmfile" + TokenQuery + AuthorizerTokenValue, SingleRequest().PathAndQuery);
        Assert.Equal(WeChatTransportOutcome.InvalidResponse, result.Transport);
        Assert.Null(result.Value);
    }

    [Fact]
    public async Task SetWebviewDomainDirectly_Add_PostsActionAndListAndMapsTheAnswer()
    {
        Server.Reply(ScriptedReply.Json("""{"errcode":0,"errmsg":"ok","webviewdomain":["https://h5.example.com"]}"""));
        var sut = CreateSut();

        var result = await sut.SetWebviewDomainDirectlyAsync(AuthorizerToken, new SetWebviewDomainRequest(DomainAction.Add, ["https://h5.example.com"]));

        var sent = SingleRequest();
        Assert.Equal("/wxa/setwebviewdomain_directly" + TokenQuery + AuthorizerTokenValue, sent.PathAndQuery);
        Assert.Equal("""{"action":"add","webviewdomain":["https://h5.example.com"]}""", sent.Body);
        Assert.Equal(["https://h5.example.com"], result.Value!.WebviewDomain);
    }

    [Fact]
    public async Task SetWebviewDomainDirectly_ConfirmFileMissing_Is86103Configuration()
    {
        Server.Reply(ScriptedReply.Error(86103, "check confirmfile fail! rid: 66cc41ab-6aaf22fd-1ffae523"));
        var sut = CreateSut();

        var result = await sut.SetWebviewDomainDirectlyAsync(AuthorizerToken, new SetWebviewDomainRequest(DomainAction.Add, ["https://h5.example.com"]));

        Assert.Equal(WeChatErrorCode.ConfirmFileNotFound, result.ErrorCode);
        Assert.Equal(WeChatErrorClass.Configuration, result.ErrorCode.Class);
        Assert.Equal("66cc41ab-6aaf22fd-1ffae523", result.Rid);
    }

    [Fact]
    public async Task GetPrefetchDnsDomain_SendsAGetWithoutBodyAndMapsNumberOrStringStatus()
    {
        Server.Reply(ScriptedReply.Json(
            """{"errcode":0,"errmsg":"ok","prefetch_dns_domain":[{"url":"d1.example.com","status":0},{"url":"d2.example.com","status":"0"}],"size_limit":5}"""));
        var sut = CreateSut();

        var result = await sut.GetPrefetchDnsDomainAsync(AuthorizerToken);

        var sent = SingleRequest();
        Assert.Equal("GET", sent.Method);
        Assert.Equal("/wxa/get_prefetchdnsdomain" + TokenQuery + AuthorizerTokenValue, sent.PathAndQuery);
        Assert.Equal(string.Empty, sent.Body);
        Assert.Equal([new PrefetchDnsDomain("d1.example.com", "0"), new PrefetchDnsDomain("d2.example.com", "0")], result.Value!.Domains);
        Assert.Equal(5, result.Value.SizeLimit);
    }

    [Fact]
    public async Task SetPrefetchDnsDomain_PostsUrlObjectsAndKeepsTheRequestedList()
    {
        var sut = CreateSut();

        var result = await sut.SetPrefetchDnsDomainAsync(AuthorizerToken, new SetPrefetchDnsDomainRequest(["d1.example.com", "d2.example.com"]));

        var sent = SingleRequest();
        Assert.Equal("/wxa/set_prefetchdnsdomain" + TokenQuery + AuthorizerTokenValue, sent.PathAndQuery);
        Assert.Equal("""{"prefetch_dns_domain":[{"url":"d1.example.com"},{"url":"d2.example.com"}]}""", sent.Body);
        Assert.Equal(["d1.example.com", "d2.example.com"], result.Value!.Urls);
    }

    [Theory]
    [InlineData(9420000, WeChatErrorClass.MonthlyQuota)]
    [InlineData(9420001, WeChatErrorClass.Configuration)]
    [InlineData(9420002, WeChatErrorClass.InvalidRequest)]
    public async Task SetPrefetchDnsDomain_WeChatRefusal_ClassifiesByTheCatalog(int errcode, WeChatErrorClass expected)
    {
        Server.Reply(ScriptedReply.Error(errcode, "refused"));
        var sut = CreateSut();

        var result = await sut.SetPrefetchDnsDomainAsync(AuthorizerToken, new SetPrefetchDnsDomainRequest(["d1.example.com"]));

        Assert.Equal(errcode, result.ErrorCode.Value);
        Assert.Equal(expected, result.ErrorCode.Class);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task SetPrefetchDnsDomain_ConnectionDroppedAfterSending_IsNotReplayed()
    {
        Server.Reply(ScriptedReply.AbortConnection(), ScriptedReply.Ok());
        var sut = CreateSut();

        var result = await sut.SetPrefetchDnsDomainAsync(AuthorizerToken, new SetPrefetchDnsDomainRequest(["d1.example.com"]));

        Assert.False(result.IsSuccess);
        Assert.Single(Server.Requests);
    }

    [Theory]
    [InlineData(WeChatApi.ModifyWxaServerDomain, DomainAction.Add, false)]
    [InlineData(WeChatApi.ModifyWxaServerDomain, DomainAction.Get, true)]
    [InlineData(WeChatApi.SetWebviewDomainDirectly, DomainAction.Set, false)]
    [InlineData(WeChatApi.SetWebviewDomainDirectly, DomainAction.Get, true)]
    [InlineData(WeChatApi.SetPrefetchDnsDomain, null, false)]
    [InlineData(WeChatApi.GetDomainConfirmFile, null, true)]
    [InlineData(WeChatApi.GetWebviewDomainConfirmFile, null, true)]
    [InlineData(WeChatApi.GetPrefetchDnsDomain, null, true)]
    public void RetriesAmbiguous_DomainFamily_OnlyForCallsThatChangeNothing(string api, string? action, bool expected) =>
        Assert.Equal(expected, WeChatRetryPolicy.RetriesAmbiguous(api, action));

    [Fact]
    public async Task DomainFamily_EveryCall_LogsNoToken()
    {
        var sut = CreateSut();

        await sut.ModifyWxaServerDomainAsync(ComponentToken, new ModifyWxaServerDomainRequest(DomainAction.Get, null, null));
        await sut.GetDomainConfirmFileAsync(ComponentToken);
        await sut.GetPrefetchDnsDomainAsync(AuthorizerToken);

        var lines = Logs.GetSnapshot().Select(r => r.Message).ToList();
        Assert.All(
            new[] { WeChatApi.ModifyWxaServerDomain, WeChatApi.GetDomainConfirmFile, WeChatApi.GetPrefetchDnsDomain },
            api => Assert.Contains(lines, l => l.Contains(api, StringComparison.Ordinal)));
        Assert.DoesNotContain(lines, l => l.Contains(ComponentTokenValue, StringComparison.Ordinal) || l.Contains(AuthorizerTokenValue, StringComparison.Ordinal));
    }
}
