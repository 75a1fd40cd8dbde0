using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Testing;

namespace WeChatDomains.EndToEnd.Tests;

/// <summary>
/// Issue 15: a default profile is stored through the Host; a new authorizer's <c>authorized</c> push enqueues the
/// profile's commands by itself, with deterministic commandIds, so a replayed push applies nothing twice.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProfileOnboardingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string NewAppId = "wx0c1d2e3f4a5b6c7d";

    private const string Profile = """
        {
          "mode": "registered",
          "platform": { "serverDomains": ["api.example.com", "ws.example.com"], "jumpDomains": ["example.com"], "publishTogether": true },
          "server": { "requestdomain": ["https://api.example.com"], "wsrequestdomain": ["wss://ws.example.com"] },
          "webviewdomain": ["https://shop.example.com"],
          "default": true
        }
        """;

    private LocalSystem _system = null!;

    public async Task InitializeAsync() => _system = await LocalSystem.StartAsync(azurite);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task AuthorizedPush_DefaultProfile_AppliedByItselfOnce()
    {
        using (var put = await PutProfileAsync("base", Profile))
        {
            Assert.True(put.StatusCode == HttpStatusCode.Created, $"PUT profile: HTTP {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
        }

        await _system.Sandbox.PutAuthorizerAsync(NewAppId, new AuthorizerModel { IcpHosts = ["example.com"] });
        await _system.OnboardAsync(NewAppId);

        var server = await _system.WaitForEndAsync($"profile:base:v1:{NewAppId}:modify_domain");
        var webview = await _system.WaitForEndAsync($"profile:base:v1:{NewAppId}:setwebviewdomain");
        Assert.True((server.State, webview.State) == ("Succeeded", "Succeeded"), $"modify_domain {server.State} ({server.LastErrorCode}), setwebviewdomain {webview.State} ({webview.LastErrorCode})");
        var applied = (await _system.Sandbox.GetAuthorizerAsync(NewAppId)).AppliedModifications;

        await _system.OnboardAsync(NewAppId);
        await Eventually.TrueAsync(async () => await _system.QueuedMessagesAsync() == 0, "the queue is drained after the replayed push");

        var sandbox = await _system.Sandbox.GetAuthorizerAsync(NewAppId);
        Assert.Equal(["https://api.example.com"], sandbox.Domains.Third.RequestDomain);
        Assert.Equal(["wss://ws.example.com"], sandbox.Domains.Third.WsRequestDomain);
        Assert.Equal(["https://shop.example.com"], sandbox.WebviewDomains.Third);
        Assert.True((applied, sandbox.AppliedModifications) == (2, 2), $"applied modifications: {applied} after onboarding, {sandbox.AppliedModifications} after the replayed push; expected 2 and 2");
        var authorizer = await _system.Api.GetFromJsonAsync<JsonObject>($"api/authorizers/{NewAppId}");
        Assert.Equal("base", (string?)authorizer!["profile"]?["profile"]);
        Assert.Equal(1, (int?)authorizer["profile"]?["version"]);
    }

    [Fact]
    public async Task PutProfile_Invalid_400WithEveryReasonAndNothingStored()
    {
        using var put = await PutProfileAsync("broken", """{"mode":"registered","server":{"udpdomain":["udp://a.example.com"]},"default":1}""");

        var problem = await put.Content.ReadFromJsonAsync<ProblemView>();
        Assert.Equal(HttpStatusCode.BadRequest, put.StatusCode);
        Assert.Equal(["default", "platform", "server.udpdomain"], problem!.Errors!.Select(e => e.Path).Order(StringComparer.Ordinal));
        using var get = await _system.Api.GetAsync("api/profiles/broken");
        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
    }

    [Fact]
    public async Task Plan_AfterOnboarding_CountsExactlyWhatAVersionTwoChanges()
    {
        using (await PutProfileAsync("base", Profile))
        {
        }

        await _system.Sandbox.PutAuthorizerAsync(NewAppId, new AuthorizerModel { IcpHosts = ["example.com"] });
        await _system.OnboardOnProfileAsync("base", NewAppId);
        await ReadDomainsAsync();
        var calls = await _system.Sandbox.GetCallsAsync();

        using (await PutProfileAsync("base", Profile.Replace("\"https://api.example.com\"]", "\"https://api.example.com\", \"https://img.example.com\"]").Replace("\"api.example.com\", \"ws.example.com\"", "\"api.example.com\", \"ws.example.com\", \"img.example.com\"")))
        {
        }

        var plan = await _system.Api.GetFromJsonAsync<JsonObject>("api/profiles/base/plan");

        var mine = plan!["authorizers"]!.AsArray().Single(a => (string?)a!["appId"] == NewAppId)!;
        Assert.Equal(2, (int?)plan["version"]);
        Assert.Equal(1, (int?)mine["modificationsNeeded"]);
        Assert.Equal("""[{"api":"modify_domain","list":"requestdomain","add":["https://img.example.com"],"remove":[]}]""", mine["changes"]!.ToJsonString());
        Assert.Equal(calls, await _system.Sandbox.GetCallsAsync());
    }

    private Task<HttpResponseMessage> PutProfileAsync(string name, string json) => _system.PutProfileAsync(name, json);

    private Task ReadDomainsAsync() => _system.ReadDomainsAsync("plan", NewAppId);
}
