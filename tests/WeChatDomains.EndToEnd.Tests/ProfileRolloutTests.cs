using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Processing;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Testing;

namespace WeChatDomains.EndToEnd.Tests;

/// <summary>
/// Issue 15: a fleet onboarded on profile v1 moves to v2 in waves through the Host: exactly the planned modifications, none
/// for an authorizer that already matches, the quota reserve kept, and a failing canary pauses the rollout.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProfileRolloutTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly string[] Fleet = ["wx0d1e2f3a4b5c6d01", "wx0d1e2f3a4b5c6d02", "wx0d1e2f3a4b5c6d03"];

    private const string V1 = """
        {
          "mode": "registered",
          "platform": { "serverDomains": ["api.example.com", "img.example.com"], "jumpDomains": ["example.com"], "publishTogether": true },
          "server": { "requestdomain": ["https://api.example.com"] },
          "webviewdomain": ["https://shop.example.com"],
          "default": true
        }
        """;

    private static readonly string V2 = V1.Replace("\"https://api.example.com\"]", "\"https://api.example.com\", \"https://img.example.com\"]");

    private LocalSystem _system = null!;

    public async Task InitializeAsync() => _system = await LocalSystem.StartAsync(azurite);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Rollout_FleetOnV1_ConvergesOnV2WithExactlyThePlannedModifications()
    {
        await OnboardFleetOnV1Async();
        await _system.Sandbox.Admin.PutAsJsonAsync($"sandbox/authorizers/{Fleet[2]}/domains", new ConsoleDomainsModel { RequestDomain = ["https://api.example.com", "https://img.example.com"] });
        await ReadDomainsAsync("after-console");
        await PutProfileAsync(V2);
        var plan = await _system.Api.GetFromJsonAsync<JsonObject>("api/profiles/base/plan");
        var before = await AppliedAsync();

        var rollout = await StartAsync("""{ "canary": 1, "waves": [50, 100], "maxFailureRate": 0.1 }""");
        var done = await WaitForAsync(rollout, r => (string?)r["state"] == "Succeeded");

        var after = await AppliedAsync();
        var spent = Fleet.Select((a, i) => after[i] - before[i]).ToList();
        Assert.Equal(2, (int?)plan!["totals"]!["modifications"]);
        Assert.True(spent.SequenceEqual([1L, 1L, 0L]), $"modifications spent per authorizer: [{string.Join(", ", spent)}]; the plan said [1, 1, 0]");
        Assert.Equal("""{"pending":0,"running":0,"succeeded":2,"failed":0,"deferred":0,"unchanged":1}""", done["counts"]!.ToJsonString());
        Assert.Equal(["https://api.example.com", "https://img.example.com"], (await _system.Sandbox.GetAuthorizerAsync(Fleet[0])).Domains.Third.RequestDomain);
    }

    [Fact]
    public async Task Rollout_AuthorizerInsideTheQuotaReserve_WaitsForTheFirstWithTheReason()
    {
        await OnboardFleetOnV1Async();
        var registry = _system.Services.GetRequiredService<IAuthorizerRegistry>();
        var month = ChinaTime.MonthKey(_system.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        var ledger = await registry.GetLedgerAsync(Fleet[1], month);
        await registry.TryWriteLedgerAsync(ledger with { Used = 46 });
        await PutProfileAsync(V2);
        var before = await AppliedAsync();

        var rollout = await StartAsync("""{ "canary": 1, "waves": [100], "maxFailureRate": 0.5 }""");
        var view = await WaitForAsync(rollout, r => (int?)r["counts"]!["succeeded"] == 2 && (int?)r["counts"]!["deferred"] == 1);

        var after = await AppliedAsync();
        Assert.Equal("Running", (string?)view["state"]);
        Assert.True(after[1] == before[1], $"{Fleet[1]} spent {after[1] - before[1]} modification(s) inside the reserve");
        var status = await _system.Api.GetFromJsonAsync<JsonObject>($"api/profiles/base/plan");
        Assert.Equal(1, (int?)status!["totals"]!["blockedByQuota"]);
    }

    [Fact]
    public async Task Rollout_CanaryFails_PausesWithTheErrcodeAndTouchesNoOtherAuthorizer()
    {
        await OnboardFleetOnV1Async();
        await PutProfileAsync(V2);
        await _system.Sandbox.SetFaultsAsync(new FaultSettings { Seed = 1, Apis = new(StringComparer.Ordinal) { ["modify_domain"] = new ApiFaults { Errcodes = new() { [85015] = 1.0 } } } });
        var before = await AppliedAsync();

        var rollout = await StartAsync("""{ "canary": 1, "waves": [50, 100], "maxFailureRate": 0.1 }""");
        var paused = await WaitForAsync(rollout, r => (string?)r["state"] == "Paused");

        Assert.Equal("""{"pending":2,"running":0,"succeeded":0,"failed":1,"deferred":0,"unchanged":0}""", paused["counts"]!.ToJsonString());
        Assert.Equal("""{"85015":1}""", paused["failuresByErrcode"]!.ToJsonString());
        Assert.Equal(before, await AppliedAsync());
        using var abort = await _system.Api.PostAsync($"api/rollouts/{rollout}/abort", null);
        Assert.Equal("Aborted", (string?)(await abort.Content.ReadFromJsonAsync<JsonObject>())!["state"]);
        using var resume = await _system.Api.PostAsync($"api/rollouts/{rollout}/resume", null);
        Assert.Equal(HttpStatusCode.Conflict, resume.StatusCode);
    }

    private async Task OnboardFleetOnV1Async()
    {
        await PutProfileAsync(V1);
        foreach (var appId in Fleet)
        {
            await _system.Sandbox.PutAuthorizerAsync(appId, new AuthorizerModel { IcpHosts = ["example.com"] });
        }

        await _system.OnboardOnProfileAsync("base", Fleet);
        await ReadDomainsAsync("onboarded");
    }

    private Task ReadDomainsAsync(string round) => _system.ReadDomainsAsync(round, Fleet);

    private async Task PutProfileAsync(string json)
    {
        using var put = await _system.PutProfileAsync("base", json);
        Assert.True(put.IsSuccessStatusCode, $"PUT profile: HTTP {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
    }

    private async Task<string> StartAsync(string request)
    {
        using var response = await _system.Api.PostAsync("api/profiles/base/rollouts", new StringContent(request, System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"start rollout: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["rolloutId"]!;
    }

    private Task<JsonObject> WaitForAsync(string rolloutId, Func<JsonObject, bool> done) => Eventually.ValueAsync(
        async () =>
        {
            var view = await _system.Api.GetFromJsonAsync<JsonObject>($"api/rollouts/{rolloutId}");
            return view is not null && done(view) ? view : null;
        },
        $"rollout {rolloutId} reaches the expected state");

    private async Task<long[]> AppliedAsync()
    {
        var applied = new long[Fleet.Length];
        for (var i = 0; i < Fleet.Length; i++)
        {
            applied[i] = (await _system.Sandbox.GetAuthorizerAsync(Fleet[i])).AppliedModifications;
        }

        return applied;
    }
}
