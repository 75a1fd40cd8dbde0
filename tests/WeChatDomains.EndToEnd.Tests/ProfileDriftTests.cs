using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WeChatDomains.Core.Profiles;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Testing;

namespace WeChatDomains.EndToEnd.Tests;

/// <summary>
/// Issue 15 drift through the Host and the sandbox over HTTP: a domain added in WeChat's console (the sandbox's console
/// path) is listed as not correctable and never fixed; a profile domain the console removed is fixed once and then no
/// longer listed; every scan reads afresh.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProfileDriftTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string AppId = "wx0e1f2a3b4c5d6e01";
    private const string Cdn = "https://download.example.com";

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

    private const string ProfileWithCdn = """
        {
          "mode": "registered",
          "platform": { "serverDomains": ["api.example.com", "img.example.com", "download.example.com"], "jumpDomains": ["example.com"] },
          "server": { "requestdomain": ["https://api.example.com"], "downloaddomain": ["https://download.example.com"] },
          "webviewdomain": ["https://shop.example.com"],
          "default": true,
          "autoCorrect": true
        }
        """;

    private LocalSystem _system = null!;

    public async Task InitializeAsync() => _system = await LocalSystem.StartAsync(azurite);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Scan_ConsoleAddedADomain_ListedAsNotCorrectableAndNoFixEnqueued()
    {
        await PutProfileAsync(Profile);
        await _system.Sandbox.PutAuthorizerAsync(AppId, new AuthorizerModel { IcpHosts = ["example.com"] });
        await _system.OnboardOnProfileAsync("base", AppId);
        await ConsoleAsync(new ConsoleDomainsModel { RequestDomain = ["https://img.example.com"] });

        var first = await ScanAsync();
        Assert.Equal(2, (int?)first["getCallsEnqueued"]);
        var drift = await Eventually.ValueAsync(() => DriftOfAsync(AppId), $"drift of {AppId} is listed");
        var expected = new JsonArray(new JsonObject
        {
            ["api"] = "get_effective_domain",
            ["list"] = "requestdomain",
            ["missing"] = new JsonArray(),
            ["extra"] = new JsonArray("https://img.example.com"),
            ["source"] = "mp",
            ["correctable"] = false,
            ["reason"] = ProfilePlanner.ConsoleReason,
        });
        Assert.Equal(expected.ToJsonString(), drift["differences"]!.ToJsonString());

        var second = await ScanAsync();
        Assert.Equal(2, (int?)second["getCallsEnqueued"]);
        Assert.Equal(0, (int?)second["fixesEnqueued"]);
        await WaitForScanAsync(second);

        var third = await ScanAsync();
        Assert.Equal(0, (int?)third["fixesEnqueued"]);
        var fixes = await FixesAsync();
        Assert.True(fixes.Count == 0, $"no fix expected for a console-added domain; enqueued: {string.Join(", ", fixes)}");
        var standing = await _system.Api.GetFromJsonAsync<JsonObject>($"api/authorizers/{AppId}");
        Assert.False((bool?)standing!["profile"]!["matches"], standing.ToJsonString());
        Assert.NotNull(await DriftOfAsync(AppId));
    }

    [Fact]
    public async Task Scan_ConsoleRemovedAProfileDomain_FixedOnceThenNoLongerListed()
    {
        await PutProfileAsync(Profile);
        await _system.Sandbox.PutAuthorizerAsync(AppId, new AuthorizerModel { IcpHosts = ["example.com"] });
        await _system.OnboardOnProfileAsync("base", AppId);
        await ConsoleAsync(new ConsoleDomainsModel { DownloadDomain = [Cdn] });
        await PutProfileAsync(ProfileWithCdn);
        await _system.ReadDomainsAsync("before", AppId);
        Assert.Null(await DriftOfAsync(AppId));

        await ConsoleAsync(new ConsoleDomainsModel { DownloadDomain = [] });
        await ScanAsync();
        var drift = await Eventually.ValueAsync(() => DriftOfAsync(AppId), $"drift of {AppId} is listed");
        Assert.Equal(
            $$"""[{"api":"modify_domain","list":"downloaddomain","missing":["{{Cdn}}"],"extra":[],"source":"third","correctable":true}]""",
            drift["differences"]!.ToJsonString());

        var fixing = await ScanAsync();
        Assert.Equal(1, (int?)fixing["fixesEnqueued"]);
        // The authorizer lists a command once a worker has received it.
        var fixId = Assert.Single(await Eventually.ValueAsync(async () => await FixesAsync() is { Count: > 0 } fixes ? fixes : null, $"the fix of {AppId} is listed by its authorizer"));
        Assert.Equal("Succeeded", (await _system.WaitForEndAsync(fixId)).State);
        await Eventually.TrueAsync(async () => await DriftOfAsync(AppId) is null, $"{AppId} no longer listed after the fix {fixId}");

        var after = await ScanAsync();
        Assert.Equal(0, (int?)after["fixesEnqueued"]);
        await WaitForScanAsync(after);
        Assert.Null(await DriftOfAsync(AppId));
        var standing = await _system.Api.GetFromJsonAsync<JsonObject>($"api/authorizers/{AppId}");
        Assert.True((bool?)standing!["profile"]!["matches"], standing.ToJsonString());
        Assert.Single(await FixesAsync());
    }

    private async Task PutProfileAsync(string json)
    {
        using var put = await _system.PutProfileAsync("base", json);
        Assert.True(put.IsSuccessStatusCode, await put.Content.ReadAsStringAsync());
    }

    private async Task ConsoleAsync(ConsoleDomainsModel domains)
    {
        using var console = await _system.Sandbox.Admin.PutAsJsonAsync($"sandbox/authorizers/{AppId}/domains", domains);
        console.EnsureSuccessStatusCode();
    }

    private async Task<JsonObject> ScanAsync()
    {
        using var scan = await _system.Api.PostAsync("api/drift/scan", null);
        Assert.Equal(HttpStatusCode.Accepted, scan.StatusCode);
        return (await scan.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Waits until the scan's gets (named by its scanId) have ended.</summary>
    private async Task WaitForScanAsync(JsonObject scan)
    {
        var scanId = (string?)scan["scanId"] ?? throw new InvalidOperationException("the scan answered no scanId: " + scan.ToJsonString());
        foreach (var api in new[] { "get_effective_domain", "get_effective_webviewdomain" })
        {
            Assert.Equal("Succeeded", (await _system.WaitForEndAsync($"drift:{AppId}:{api}:{scanId}")).State);
        }
    }

    private async Task<JsonObject?> DriftOfAsync(string appId)
    {
        var view = await _system.Api.GetFromJsonAsync<JsonObject>("api/drift");
        return view!["authorizers"]!.AsArray().FirstOrDefault(a => (string?)a!["appId"] == appId)?.AsObject();
    }

    /// <summary>The drift fixes (not gets) recorded for the authorizer.</summary>
    private async Task<List<string>> FixesAsync()
    {
        var page = await _system.Api.GetFromJsonAsync<JsonObject>($"api/commands?authorizer={AppId}&pageSize=100");
        return page!["items"]!.AsArray()
            .Where(c => (string?)c!["requestedBy"] == "profile:base:drift" && !((string?)c["api"] ?? "").StartsWith("get_", StringComparison.Ordinal))
            .Select(c => (string)c!["commandId"]!)
            .ToList();
    }
}
