using WeChatDomains.WeChat.Client;

namespace WeChatDomains.WeChat.Tests.Client;

public sealed class WeChatClientWireFormatTests : WeChatClientTestBase
{
    private const string AuthorizerQuery = "?access_token=" + AuthorizerTokenValue;
    private const string ComponentQuery = "?component_access_token=" + ComponentTokenValue;

    [Fact]
    public async Task ModifyDomain_AddWithFourLists_PostsExactBodyWithAuthorizerToken()
    {
        var sut = CreateSut();
        var request = new ModifyDomainRequest(DomainAction.Add, new ServerDomains
        {
            RequestDomain = ["https://a.example.com", "https://b.example.com"],
            WsRequestDomain = ["wss://ws.example.com"],
            UploadDomain = ["https://up.example.com"],
            DownloadDomain = ["https://down.example.com"],
        });

        await sut.ModifyDomainAsync(AuthorizerToken, request);

        var sent = SingleRequest();
        Assert.Equal("POST", sent.Method);
        Assert.Equal("/wxa/modify_domain" + AuthorizerQuery, sent.PathAndQuery);
        Assert.Equal(
            """{"action":"add","requestdomain":["https://a.example.com","https://b.example.com"],"wsrequestdomain":["wss://ws.example.com"],"uploaddomain":["https://up.example.com"],"downloaddomain":["https://down.example.com"]}""",
            sent.Body);
    }

    [Fact]
    public async Task ModifyDomainDirectly_SetWithUdpAndTcp_PostsSixListFieldsAndOmitsNullLists()
    {
        var sut = CreateSut();
        var request = new ModifyDomainRequest(DomainAction.Set, new ServerDomains
        {
            RequestDomain = ["https://a.example.com"],
            UdpDomain = ["udp://u.example.com"],
            TcpDomain = ["tcp://t.example.com"],
        });

        await sut.ModifyDomainDirectlyAsync(AuthorizerToken, request);

        var sent = SingleRequest();
        Assert.Equal("/wxa/modify_domain_directly" + AuthorizerQuery, sent.PathAndQuery);
        Assert.Equal(
            """{"action":"set","requestdomain":["https://a.example.com"],"udpdomain":["udp://u.example.com"],"tcpdomain":["tcp://t.example.com"]}""",
            sent.Body);
    }

    [Fact]
    public async Task SetWebviewDomain_Add_PostsActionAndWebviewDomain()
    {
        var sut = CreateSut();

        await sut.SetWebviewDomainAsync(AuthorizerToken, new SetWebviewDomainRequest(DomainAction.Add, ["https://h5.example.com"]));

        var sent = SingleRequest();
        Assert.Equal("/wxa/setwebviewdomain" + AuthorizerQuery, sent.PathAndQuery);
        Assert.Equal("""{"action":"add","webviewdomain":["https://h5.example.com"]}""", sent.Body);
    }

    [Fact]
    public async Task SetWebviewDomain_NullActionAndList_PostsEmptyObject()
    {
        var sut = CreateSut();

        await sut.SetWebviewDomainAsync(AuthorizerToken, new SetWebviewDomainRequest(null, null));

        Assert.Equal("{}", SingleRequest().Body);
    }

    [Fact]
    public async Task ModifyJumpDomain_Add_JoinsHostsWithSemicolonAndUsesComponentTokenAsAccessToken()
    {
        var sut = CreateSut();

        await sut.ModifyJumpDomainAsync(ComponentToken, new ModifyJumpDomainRequest(DomainAction.Add, ["www.qq.com", "wx.qq.com"], true));

        var sent = SingleRequest();
        Assert.Equal("/cgi-bin/component/modify_wxa_jump_domain?access_token=" + ComponentTokenValue, sent.PathAndQuery);
        Assert.Equal("""{"action":"add","wxa_jump_h5_domain":"www.qq.com;wx.qq.com","is_modify_published_together":true}""", sent.Body);
    }

    [Fact]
    public async Task ModifyJumpDomain_GetWithoutFlag_OmitsDomainsAndFlag()
    {
        var sut = CreateSut();

        await sut.ModifyJumpDomainAsync(ComponentToken, new ModifyJumpDomainRequest(DomainAction.Get, null, null));

        Assert.Equal("""{"action":"get"}""", SingleRequest().Body);
    }

    [Fact]
    public async Task GetEffectiveDomain_Always_PostsEmptyObject()
    {
        var sut = CreateSut();

        await sut.GetEffectiveDomainAsync(AuthorizerToken);

        var sent = SingleRequest();
        Assert.Equal("/wxa/get_effective_domain" + AuthorizerQuery, sent.PathAndQuery);
        Assert.Equal("{}", sent.Body);
    }

    [Fact]
    public async Task GetEffectiveWebviewDomain_Always_PostsEmptyObject()
    {
        var sut = CreateSut();

        await sut.GetEffectiveWebviewDomainAsync(AuthorizerToken);

        var sent = SingleRequest();
        Assert.Equal("/wxa/get_effective_webviewdomain" + AuthorizerQuery, sent.PathAndQuery);
        Assert.Equal("{}", sent.Body);
    }

    [Fact]
    public async Task GetComponentToken_Always_PostsAppIdSecretAndTicketWithoutToken()
    {
        var sut = CreateSut();

        await sut.GetComponentTokenAsync(new ComponentTokenRequest("wxcomponent01", "secret-01", "ticket@@@01"));

        var sent = SingleRequest();
        Assert.Equal("/cgi-bin/component/api_component_token", sent.PathAndQuery);
        Assert.Equal("""{"component_appid":"wxcomponent01","component_appsecret":"secret-01","component_verify_ticket":"ticket@@@01"}""", sent.Body);
    }

    [Fact]
    public async Task GetAuthorizerToken_Always_PostsRefreshTokenWithComponentAccessToken()
    {
        var sut = CreateSut();

        await sut.GetAuthorizerTokenAsync(ComponentToken, new AuthorizerTokenRequest("wxcomponent01", "wxauthorizer01", "refreshtoken@@@01"));

        var sent = SingleRequest();
        Assert.Equal("/cgi-bin/component/api_authorizer_token" + ComponentQuery, sent.PathAndQuery);
        Assert.Equal("""{"component_appid":"wxcomponent01","authorizer_appid":"wxauthorizer01","authorizer_refresh_token":"refreshtoken@@@01"}""", sent.Body);
    }

    [Fact]
    public async Task QueryAuth_Always_PostsAuthorizationCodeWithComponentAccessToken()
    {
        var sut = CreateSut();

        await sut.QueryAuthAsync(ComponentToken, new QueryAuthRequest("wxcomponent01", "queryauthcode@@@01"));

        var sent = SingleRequest();
        Assert.Equal("/cgi-bin/component/api_query_auth" + ComponentQuery, sent.PathAndQuery);
        Assert.Equal("""{"component_appid":"wxcomponent01","authorization_code":"queryauthcode@@@01"}""", sent.Body);
    }

    [Fact]
    public async Task ModifyDomain_TokenWithReservedCharacters_EscapesItInTheQuery()
    {
        var sut = CreateSut();

        await sut.ModifyDomainAsync(new AccessToken("a+b/c=d&e"), AddRequestDomain("https://a.example.com"));

        Assert.Equal("?access_token=a%2Bb%2Fc%3Dd%26e", SingleRequest().Query);
    }

    [Fact]
    public async Task ModifyDomain_BaseUrlWithPathPrefix_KeepsThePrefix()
    {
        var sut = CreateSut(o => o.BaseUrl = new Uri(Server.BaseAddress, "/wechat/"));

        await sut.ModifyDomainAsync(AuthorizerToken, AddRequestDomain("https://a.example.com"));

        Assert.Equal("/wechat/wxa/modify_domain", SingleRequest().Path);
    }
}
