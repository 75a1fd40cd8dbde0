using System.Net;
using System.Net.Http.Json;
using System.Xml.Linq;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Sandbox.Tests.Support;
using WeChatDomains.Testing;

namespace WeChatDomains.Sandbox.Tests;

public sealed class AdminApiTests(SandboxServer sandbox) : SandboxTest(sandbox)
{
    [Fact]
    public async Task Reset_AfterChanges_RestoresSeedAndClearsFaultsCallsAndClock()
    {
        await CallAsync("/wxa/modify_domain", new { action = "add", requestdomain = new[] { "https://api.example.com" } });
        await Sandbox.PutAuthorizerAsync("wx00000000000000cc", new AuthorizerModel());
        await Sandbox.SetFaultsAsync(new FaultSettings { Apis = new() { ["*"] = new ApiFaults { Drop = 1 } } });
        await Sandbox.AdvanceClockAsync(TimeSpan.FromDays(40));

        await Sandbox.ResetAsync();

        var appIds = await Http.GetFromJsonAsync<string[]>("sandbox/authorizers");
        Assert.Equal(SandboxSeed.AuthorizerAppIds.Order(StringComparer.Ordinal), appIds);
        var state = await Sandbox.GetAuthorizerAsync();
        Assert.Empty(state.Domains.Third.RequestDomain);
        Assert.Equal((0, 0L), (state.ModificationsThisMonth, state.AppliedModifications));
        Assert.Empty(await Sandbox.GetCallsAsync());
        Assert.Empty((await Http.GetFromJsonAsync<FaultSettings>("sandbox/faults"))!.Apis);
        Assert.Equal(0d, (await Http.GetFromJsonAsync<ClockModel>("sandbox/clock"))!.OffsetSeconds);
    }

    [Fact]
    public async Task PutAuthorizer_ThenGet_RoundTripsInCamelCase()
    {
        using var put = await Http.PutAsync("sandbox/authorizers/wx00000000000000dd", new StringContent(
            """{"isMiniProgram":true,"isIndividual":true,"icpHosts":["example.net"],"refreshToken":"rt@@@1","domains":{"mp":{"requestDomain":["https://mp.example.net"]}},"webviewDomains":{"mp":["https://w.example.net"]},"modificationsThisMonth":7}""",
            System.Text.Encoding.UTF8, "application/json"));
        put.EnsureSuccessStatusCode();

        var json = await Http.GetStringAsync("sandbox/authorizers/wx00000000000000dd");
        var state = await Sandbox.GetAuthorizerAsync("wx00000000000000dd");

        Assert.Contains("\"modificationsThisMonth\":7", json, StringComparison.Ordinal);
        Assert.Contains("\"appliedModifications\":0", json, StringComparison.Ordinal);
        Assert.True(state.IsIndividual);
        Assert.Equal(["example.net"], state.IcpHosts);
        Assert.Equal("rt@@@1", state.RefreshToken);
        Assert.Equal(["https://mp.example.net"], state.Domains.Mp.RequestDomain);
        Assert.Equal(["https://w.example.net"], state.WebviewDomains.Mp);
    }

    [Fact]
    public async Task GetAuthorizer_Unknown_Answers404()
    {
        using var response = await Http.GetAsync("sandbox/authorizers/wxunknown");
        using var token = await Http.PostAsync("sandbox/authorizers/wxunknown/token", null);

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (response.StatusCode, token.StatusCode));
    }

    [Fact]
    public async Task PutPlatform_BadEncodingAesKey_Answers400AndKeepsPlatform()
    {
        using var response = await Http.PutAsJsonAsync("sandbox/platform", new PlatformModel
        {
            AppId = "wx1111111111111111", Secret = "s", Token = "t", EncodingAesKey = "short",
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(SandboxSeed.PlatformAppId, (await Sandbox.GetPlatformAsync()).AppId);
    }

    [Fact]
    public async Task Calls_CountsEveryCallPerApi()
    {
        await CallAsync("/wxa/modify_domain", new { action = "get" });
        await CallAsync("/wxa/modify_domain", new { action = "bad" });
        await CallAsync("/wxa/get_effective_domain", new { });

        var calls = await Sandbox.GetCallsAsync();

        Assert.Equal(2, calls["modify_domain"]);
        Assert.Equal(1, calls["get_effective_domain"]);
        Assert.False(calls.ContainsKey("setwebviewdomain"));
    }

    [Fact]
    public async Task ClockAdvance_MovesTheSandboxClock()
    {
        var before = await Sandbox.GetClockAsync();

        var after = await Sandbox.AdvanceClockAsync(TimeSpan.FromDays(3));

        Assert.InRange(after - before, TimeSpan.FromDays(3), TimeSpan.FromDays(3) + TimeSpan.FromMinutes(1));
    }

    [Fact]
    public async Task PushTicket_ToReceiver_IsSignedEncryptedAndRemembered()
    {
        await using var recorder = await SandboxPushRecorder.StartAsync();

        using var response = await Http.PostAsJsonAsync("sandbox/push-ticket", new PushRequest(recorder.Url + "?code=key"));

        response.EnsureSuccessStatusCode();
        Assert.Equal("success", (await response.Content.ReadFromJsonAsync<WeChatDomains.Sandbox.Push.PushResult>())!.ResponseBody);
        var push = recorder.Pushes.Single();
        var envelope = XElement.Parse(push.Body);
        var encrypt = (string)envelope.Element("Encrypt")!;
        var q = push.Query;
        Assert.Equal("key", q["code"]);
        Assert.Equal("aes", q["encrypt_type"]);
        Assert.Equal(PushDecryptor.Sha1OfSorted(SandboxSeed.PlatformToken, q["timestamp"], q["nonce"], encrypt), q["msg_signature"]);
        Assert.Equal(PushDecryptor.Sha1OfSorted(SandboxSeed.PlatformToken, q["timestamp"], q["nonce"]), q["signature"]);
        Assert.Equal(SandboxSeed.PlatformAppId, (string?)envelope.Element("AppId"));
        var (xml, appId) = PushDecryptor.Decrypt(encrypt, SandboxSeed.EncodingAesKey);
        Assert.Equal(SandboxSeed.PlatformAppId, appId);
        Assert.Equal(SandboxSeed.PlatformAppId, (string?)xml.Element("AppId"));
        Assert.Equal("component_verify_ticket", (string?)xml.Element("InfoType"));
        Assert.Equal(q["timestamp"], (string?)xml.Element("CreateTime"));
        var ticket = (string)xml.Element("ComponentVerifyTicket")!;
        var token = await Http.PostWeChatAsync("/cgi-bin/component/api_component_token", null, new
        {
            component_appid = SandboxSeed.PlatformAppId,
            component_appsecret = SandboxSeed.PlatformSecret,
            component_verify_ticket = ticket,
        });
        Assert.Equal(0, token.ErrCode);
    }

    [Fact]
    public async Task Authorize_PushCarriesEveryField()
    {
        await using var recorder = await SandboxPushRecorder.StartAsync();
        var now = await Sandbox.GetClockAsync();

        (await Http.PostAsJsonAsync($"sandbox/authorizers/{SandboxSeed.NoIcpAppId}/authorize", new PushRequest(recorder.Url.ToString()))).EnsureSuccessStatusCode();

        var encrypt = (string)XElement.Parse(recorder.Pushes.Single().Body).Element("Encrypt")!;
        var (xml, _) = PushDecryptor.Decrypt(encrypt, SandboxSeed.EncodingAesKey);
        Assert.Equal("authorized", (string?)xml.Element("InfoType"));
        Assert.Equal(SandboxSeed.NoIcpAppId, (string?)xml.Element("AuthorizerAppid"));
        Assert.False(string.IsNullOrEmpty((string?)xml.Element("AuthorizationCode")));
        Assert.False(string.IsNullOrEmpty((string?)xml.Element("PreAuthCode")));
        var created = (long)xml.Element("CreateTime")!;
        var expires = (long)xml.Element("AuthorizationCodeExpiredTime")!;
        Assert.InRange(created, now.ToUnixTimeSeconds() - 1, now.ToUnixTimeSeconds() + 60);
        Assert.Equal(3600, expires - created);
    }

    [Fact]
    public async Task PushTicket_UnreachableReceiver_Answers502()
    {
        await using var recorder = await SandboxPushRecorder.StartAsync();
        var url = recorder.Url;
        await recorder.DisposeAsync();

        using var response = await Http.PostAsJsonAsync("sandbox/push-ticket", new PushRequest(url.ToString()));

        Assert.Equal(HttpStatusCode.BadGateway, response.StatusCode);
        Assert.False((await response.Content.ReadFromJsonAsync<WeChatDomains.Sandbox.Push.PushResult>())!.Delivered);
    }
}
