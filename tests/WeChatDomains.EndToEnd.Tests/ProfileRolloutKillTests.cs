using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Testing;
using Xunit.Abstractions;

namespace WeChatDomains.EndToEnd.Tests;

/// <summary>
/// Issue 15: a rollout survives a Host SIGKILLed while its waves are in progress. The Host runs as a child process; it is
/// killed with modify calls in flight and started again; the rollout goes on where it was and ends with every authorizer
/// on v2 and exactly the planned modifications applied in WeChat (the sandbox's counters): none twice, none lost.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProfileRolloutKillTests(AzuriteFixture azurite, ITestOutputHelper output) : IAsyncLifetime
{
    private const int FleetSize = 12;

    private const string V1 = """
        {
          "mode": "registered",
          "platform": { "serverDomains": ["api.example.com", "img.example.com"], "jumpDomains": ["example.com"], "publishTogether": true },
          "server": { "requestdomain": ["https://api.example.com"] },
          "webviewdomain": ["https://shop.example.com"],
          "default": true
        }
        """;

    private static readonly string V2 = V1.Replace("\"https://api.example.com\"]", "\"https://api.example.com\", \"https://img.example.com\"]", StringComparison.Ordinal);

    private static readonly string[] Fleet = [.. Enumerable.Range(1, FleetSize).Select(i => "wx0f1e2d3c4b5a60" + i.ToString("x2", CultureInfo.InvariantCulture))];

    private KillableSystem _system = null!;

    public async Task InitializeAsync() =>
        _system = await KillableSystem.StartAsync(azurite, new Dictionary<string, string>(StringComparer.Ordinal) { ["Profiles__RolloutStepPeriod"] = "00:00:00.200" });

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Rollout_HostKilledWhileWavesAreInProgress_CompletesWithExactlyThePlannedModifications()
    {
        await _system.PutProfileAsync("base", V1);
        foreach (var appId in Fleet)
        {
            await _system.Sandbox.PutAuthorizerAsync(appId, new AuthorizerModel { IcpHosts = ["example.com"] });
        }

        await _system.OnboardAsync(Fleet);
        foreach (var appId in Fleet)
        {
            Assert.Equal("Succeeded", (await _system.WaitForEndAsync($"profile:base:v1:{appId}:modify_domain")).State);
            Assert.Equal("Succeeded", (await _system.WaitForEndAsync($"profile:base:v1:{appId}:setwebviewdomain")).State);
        }

        await _system.ReadDomainsAsync("onboarded", Fleet);
        await _system.PutProfileAsync("base", V2);
        var plan = await _system.GetAsync<JsonObject>("api/profiles/base/plan");
        var planned = plan!["authorizers"]!.AsArray().ToDictionary(a => (string)a!["appId"]!, a => (long)a!["modificationsNeeded"]!, StringComparer.Ordinal);
        Assert.Equal(FleetSize, (int?)plan["totals"]!["modifications"]);
        var before = await _system.AppliedModificationsAsync(Fleet);
        var ledgerBefore = await LedgerAsync();

        // Each modify_domain takes 400 ms in WeChat, so that waves are still running when the Host is killed.
        await _system.Sandbox.SetFaultsAsync(new FaultSettings { Seed = 1, Apis = new(StringComparer.Ordinal) { ["modify_domain"] = new ApiFaults { LatencyMs = 400 } } });
        var rollout = await StartAsync("""{ "canary": 1, "waves": [25, 50, 75, 100], "maxFailureRate": 0 }""");
        var atKill = await WaitForAsync(rollout, r => (string?)r["state"] == "Running" && (int?)r["wave"] >= 1 && (int?)r["counts"]!["running"] > 0, "waves are in progress");
        await _system.Host.KillAsync();
        output.WriteLine($"Host SIGKILLed at wave {atKill["wave"]} of {atKill["waves"]}, counts {atKill["counts"]!.ToJsonString()}");
        await _system.Host.RestartAsync();
        var done = await WaitForAsync(rollout, r => (string?)r["state"] != "Running", "the rollout ends after the restart");

        await _system.Sandbox.ClearFaultsAsync();
        var after = await _system.AppliedModificationsAsync(Fleet);
        var ledgerAfter = await LedgerAsync();
        var spent = Fleet.Select((a, i) => (AppId: a, Spent: after[i] - before[i], Counted: ledgerAfter[i] - ledgerBefore[i], Planned: planned[a])).ToList();
        output.WriteLine($"modifications applied in the sandbox: {spent.Sum(s => s.Spent)}, counted by the Host: {spent.Sum(s => s.Counted)}, planned: {spent.Sum(s => s.Planned)}");
        var killedAt = $"killed at wave {atKill["wave"]} with counts {atKill["counts"]!.ToJsonString()}";
        Assert.True((string?)done["state"] == "Succeeded", $"rollout {done["state"]} ({done["reason"]}), counts {done["counts"]!.ToJsonString()}; {killedAt}");
        Assert.Equal($$"""{"pending":0,"running":0,"succeeded":{{FleetSize}},"failed":0,"deferred":0,"unchanged":0}""", done["counts"]!.ToJsonString());
        Assert.True(
            spent.All(s => s.Spent == s.Planned && s.Counted == s.Planned),
            $"modifications per authorizer (applied in the sandbox / counted by the Host's ledger / planned): {string.Join(", ", spent.Select(s => $"{s.AppId} {s.Spent}/{s.Counted}/{s.Planned}"))}; {killedAt}");

        await _system.ReadDomainsAsync("after", Fleet);
        var standings = new List<string>();
        foreach (var appId in Fleet)
        {
            var profile = (await _system.GetAsync<JsonObject>($"api/authorizers/{appId}"))?["profile"];
            standings.Add($"{appId} v{profile?["version"]} matches {profile?["matches"]}");
        }

        Assert.True(standings.All(s => s.EndsWith("v2 matches true", StringComparison.Ordinal)), string.Join("; ", standings));
    }

    /// <summary>The Host's count of each authorizer's modifications this month (its quota ledger, GET /api/authorizers/{appid}).</summary>
    private async Task<long[]> LedgerAsync()
    {
        var counted = new long[Fleet.Length];
        for (var i = 0; i < Fleet.Length; i++)
        {
            var appId = Fleet[i];
            var view = await Eventually.ValueAsync(() => _system.GetAsync<JsonObject>($"api/authorizers/{appId}"), $"the Host answers for {appId}");
            counted[i] = (long)view["modificationsThisMonth"]!;
        }

        return counted;
    }

    private async Task<string> StartAsync(string request)
    {
        using var response = await _system.Api.PostAsync("api/profiles/base/rollouts", new StringContent(request, Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Accepted, $"start rollout: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (string)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["rolloutId"]!;
    }

    private async Task<JsonObject> WaitForAsync(string rolloutId, Func<JsonObject, bool> done, string what)
    {
        JsonObject? last = null;
        try
        {
            return await Eventually.ValueAsync(
                async () => (last = await _system.GetAsync<JsonObject>($"api/rollouts/{rolloutId}") ?? last) is { } view && done(view) ? view : null,
                $"{what} (rollout {rolloutId})");
        }
        catch (Xunit.Sdk.FailException e)
        {
            throw new Xunit.Sdk.XunitException($"{e.Message} Last seen: {last?.ToJsonString() ?? "no answer"}. Host log tail:\n{_system.Host.Logs.Tail(30)}");
        }
    }
}
