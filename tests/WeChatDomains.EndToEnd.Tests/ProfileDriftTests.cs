using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Testing;

namespace WeChatDomains.EndToEnd.Tests;

/// <summary>Issue 15: a drift made in WeChat's console (the sandbox's console path) is seen by a scan, and autoCorrect enqueues the fix.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProfileDriftTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string AppId = "wx0e1f2a3b4c5d6e01";

    private const string Profile = """
        {
          "mode": "registered",
          "platform": { "serverDomains": ["api.example.com", "img.example.com"], "jumpDomains": ["example.com"] },
          "server": { "requestdomain": ["https://api.example.com"] },
          "webviewdomain": ["https://shop.example.com"],
          "default": true,
          "autoCorrect": true
        }
        """;

    private LocalSystem _system = null!;

    public async Task InitializeAsync() => _system = await LocalSystem.StartAsync(azurite);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Scan_ConsoleAddedADomain_DriftListedAndTheFixEnqueued()
    {
        using (var put = await _system.PutProfileAsync("base", Profile))
        {
            Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
        }

        await _system.Sandbox.PutAuthorizerAsync(AppId, new AuthorizerModel { IcpHosts = ["example.com"] });
        await _system.OnboardOnProfileAsync("base", AppId);
        using (var console = await _system.Sandbox.Admin.PutAsJsonAsync($"sandbox/authorizers/{AppId}/domains", new ConsoleDomainsModel { RequestDomain = ["https://img.example.com"] }))
        {
            console.EnsureSuccessStatusCode();
        }

        using var scan = await _system.Api.PostAsync("api/drift/scan", null);
        var scanned = await scan.Content.ReadFromJsonAsync<JsonObject>();
        Assert.Equal(HttpStatusCode.Accepted, scan.StatusCode);
        Assert.Equal(2, (int?)scanned!["getCallsEnqueued"]);

        var drift = await Eventually.ValueAsync(
            async () =>
            {
                var view = await _system.Api.GetFromJsonAsync<JsonObject>("api/drift");
                return view!["authorizers"]!.AsArray().FirstOrDefault(a => (string?)a!["appId"] == AppId)?.AsObject();
            },
            $"drift of {AppId} is listed");
        Assert.Equal("""[{"api":"modify_domain","list":"requestdomain","missing":[],"extra":["https://img.example.com"]}]""", drift["differences"]!.ToJsonString());

        using var again = await _system.Api.PostAsync("api/drift/scan", null);
        var fixes = (int?)(await again.Content.ReadFromJsonAsync<JsonObject>())!["fixesEnqueued"];
        Assert.Equal(1, fixes);
    }
}
