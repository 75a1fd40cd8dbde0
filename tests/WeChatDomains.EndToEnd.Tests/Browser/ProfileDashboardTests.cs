using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Processing;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Testing;
using static Microsoft.Playwright.Assertions;

namespace WeChatDomains.EndToEnd.Tests.Browser;

/// <summary>
/// Issue 15 item 7: the dashboard's profiles (with their plan totals), rollouts (waves, counts per state, failures by
/// errcode, pause/resume/abort) and drift list (with the scan button), in a real browser against the Host with Azurite
/// and the sandbox. The fleet is made through the API and the sandbox as an operator would; what the page shows is
/// checked against what the API answers.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ProfileDashboardTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Ready = "wx0a1b2c3d4e5f6a01";
    private const string Reserved = "wx0a1b2c3d4e5f6a02";
    private static readonly string[] Fleet = [Ready, Reserved];

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
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private DashboardPage _dashboard = null!;

    public async Task InitializeAsync()
    {
        _system = await LocalSystem.StartAsync(azurite);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = SystemChromium.ExecutablePath, Headless = true });
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "en-GB", TimezoneId = "Asia/Shanghai" });
        _dashboard = new DashboardPage(await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _system.DisposeAsync();
    }

    [BrowserFact]
    public async Task Profiles_FleetOnV1ThenV2WithOneInsideTheReserve_PlanTotalsShownAsThePlanGivesThem()
    {
        await FleetOnV2WithOneInsideTheReserveAsync();
        var totals = (await _system.Api.GetFromJsonAsync<JsonObject>("api/profiles/base/plan"))!["totals"]!;
        Assert.Equal("""{"authorizers":2,"unchanged":0,"toChange":2,"modifications":2,"blockedByQuota":1,"unobserved":0,"calls":4}""", totals.ToJsonString());

        await OpenAsync();

        var profiles = _dashboard.Profiles.Table;
        await Expect(profiles.Rows).ToHaveCountAsync(1);
        var expected = new Dictionary<string, string>
        {
            ["Version"] = "2", ["Mode"] = "registered", ["Default"] = "yes", ["Auto-correct"] = "no", ["Authorizers"] = "2", ["Unchanged"] = "0",
            ["To change"] = "2", ["Not read yet"] = "0", ["Calls"] = "4 (2 platform)", ["Modifications"] = "2", ["Blocked by quota"] = "1",
        };
        foreach (var (column, text) in expected)
        {
            await Expect(await profiles.CellAsync("base", column)).ToHaveTextAsync(text);
        }

        await Expect(await profiles.CellAsync("base", "Blocked by quota")).ToHaveClassAsync("bad");
        await Expect(_dashboard.Profiles.LackingQuota.Value("base")).ToHaveTextAsync($"{Reserved} (needs 1, 4 left)");
    }

    [BrowserFact]
    public async Task Rollouts_OneFailedOneHeldByTheReserve_WavesCountsAndErrcodesShown()
    {
        var rolloutId = await RunningRolloutWithOneFailedOneDeferredAsync();

        await OpenAsync();

        var rollouts = _dashboard.Rollouts;
        await Expect(rollouts.Table.Rows).ToHaveCountAsync(1);
        await Expect(await rollouts.Table.CellAsync(rolloutId, "Profile")).ToHaveTextAsync("base v2");
        await Expect(await rollouts.Table.CellAsync(rolloutId, "State")).ToHaveTextAsync("Running");
        await Expect(await rollouts.WavesAsync(rolloutId)).ToHaveTextAsync(
            ["Platform tier (done)", "Canary: 1 authorizer(s) (passed)", "50%: 1 authorizer(s) (passed)", "100%: 2 authorizer(s) (under way)"]);
        await Expect(await rollouts.CurrentWaveAsync(rolloutId)).ToHaveTextAsync("100%: 2 authorizer(s) (under way)");
        var counts = new Dictionary<string, string> { ["Pending"] = "0", ["Running"] = "0", ["Succeeded"] = "0", ["Failed"] = "1", ["Deferred"] = "1", ["Unchanged"] = "0" };
        foreach (var (column, text) in counts)
        {
            await Expect(await rollouts.Table.CellAsync(rolloutId, column)).ToHaveTextAsync(text);
        }

        await Expect(await rollouts.Table.CellAsync(rolloutId, "Failures by errcode")).ToHaveTextAsync("85015: 1");
        await Expect(rollouts.Button(rolloutId, "Pause")).ToBeEnabledAsync();
        await Expect(rollouts.Button(rolloutId, "Resume")).ToBeDisabledAsync();
        await Expect(rollouts.Button(rolloutId, "Abort")).ToBeEnabledAsync();
        await ScreenshotAsync();
    }

    [BrowserFact]
    public async Task Rollouts_PauseThenResumeThenAbort_EachButtonChangesTheStateTheApiReads()
    {
        var rolloutId = await RunningRolloutWithOneFailedOneDeferredAsync();
        await OpenAsync();
        var rollouts = _dashboard.Rollouts;
        await Expect(await rollouts.Table.CellAsync(rolloutId, "State")).ToHaveTextAsync("Running");

        await rollouts.Button(rolloutId, "Pause").ClickAsync();
        await ExpectStateAsync(rolloutId, "Paused");
        await Expect(rollouts.Button(rolloutId, "Pause")).ToBeDisabledAsync();
        await Expect(rollouts.Button(rolloutId, "Resume")).ToBeEnabledAsync();

        await rollouts.Button(rolloutId, "Resume").ClickAsync();
        await ExpectStateAsync(rolloutId, "Running");

        var aborts = new List<string>();
        _dashboard.Page.Request += (_, request) =>
        {
            if (request.Method == "POST" && request.Url.EndsWith("/abort", StringComparison.Ordinal))
            {
                aborts.Add(request.Url);
            }
        };
        string? question = null;
        void Dismiss(object? sender, IDialog dialog)
        {
            question = dialog.Message;
            _ = dialog.DismissAsync();
        }

        _dashboard.Page.Dialog += Dismiss;
        await rollouts.Button(rolloutId, "Abort").ClickAsync();
        Assert.Equal($"Abort rollout {rolloutId}? It stops for good; commands already enqueued still run.", question);
        _dashboard.Page.Dialog -= Dismiss;

        _dashboard.Page.Dialog += (_, dialog) => _ = dialog.AcceptAsync();
        await rollouts.Button(rolloutId, "Abort").ClickAsync();
        await ExpectStateAsync(rolloutId, "Aborted");
        Assert.True(aborts.Count == 1, $"abort POSTs sent: {aborts.Count} ({string.Join(", ", aborts)}); the dismissed question must send none");
        foreach (var label in new[] { "Pause", "Resume", "Abort" })
        {
            await Expect(rollouts.Button(rolloutId, label)).ToBeDisabledAsync();
        }
    }

    [BrowserFact]
    public async Task Drift_ConsoleAddedADomainThenScanButton_EntryShownAndTheAuthorizerDiffers()
    {
        await PutProfileAsync(V1);
        await _system.Sandbox.PutAuthorizerAsync(Ready, new AuthorizerModel { IcpHosts = ["example.com"] });
        await _system.OnboardOnProfileAsync("base", Ready);
        using (var console = await _system.Sandbox.Admin.PutAsJsonAsync($"sandbox/authorizers/{Ready}/domains", new ConsoleDomainsModel { RequestDomain = ["https://img.example.com"] }))
        {
            console.EnsureSuccessStatusCode();
        }

        await OpenAsync();
        var drift = _dashboard.Drift;
        await Expect(drift.Table.Rows).ToHaveTextAsync(["No drift seen."]);

        await drift.ScanButton.ClickAsync();

        await Expect(drift.ScanResult).ToHaveTextAsync(new Regex(@"^Scan started: 2 get call\(s\) for 1 authorizer\(s\), spread until .+; 0 fix\(es\) enqueued, 0 held by the quota reserve\.$"));
        // The page re-reads the list every 2 s until the scan's spread gets are due: wait past the first re-read.
        await Expect(drift.Table.Row(Ready)).ToHaveCountAsync(1, new() { Timeout = 20_000 });
        var listed = (await _system.Api.GetFromJsonAsync<JsonObject>("api/drift"))!["authorizers"]!.ToJsonString();
        var shown = new Dictionary<string, string>
        {
            ["Profile"] = "base v1", ["API"] = "get_effective_domain", ["List"] = "requestdomain", ["Missing"] = string.Empty, ["Extra"] = "https://img.example.com",
            ["Correctable"] = "no (mp): " + WeChatDomains.Core.Profiles.ProfilePlanner.ConsoleReason,
        };
        foreach (var (column, text) in shown)
        {
            await Expect(await drift.Table.CellAsync(Ready, column)).ToHaveTextAsync(text, new() { Timeout = 1_000 });
        }

        await Expect(await drift.Table.CellAsync(Ready, "Seen")).Not.ToBeEmptyAsync();
        Assert.Contains("\"extra\":[\"https://img.example.com\"]", listed, StringComparison.Ordinal);

        await _dashboard.Authorizer.ShowAsync(Ready);
        await Expect(_dashboard.Authorizer.Details.Value("Profile")).ToHaveTextAsync("base v1 (default): differs in 1 list(s)");
        await Expect(_dashboard.Authorizer.Details.Value("Profile")).ToHaveClassAsync("bad");
    }

    /// <summary>
    /// Issue 16 item 5: the plan and the drift list read the whole fleet, so the 10 s poll must not ask for them. With the
    /// page's clock installed, three polls read each once (when the page opened); "Plan again" and "Read again" read them
    /// again; a new version of the profile is planned on the next poll; and both are read again once five minutes old.
    /// </summary>
    [BrowserFact]
    public async Task Poll_PlansAndDriftReadWhenOpenedAskedChangedOrOld_NotEveryTenSeconds()
    {
        await FleetOnV2WithOneInsideTheReserveAsync();
        var reads = new System.Collections.Concurrent.ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        _dashboard.Page.Request += (_, request) =>
        {
            var path = new Uri(request.Url).AbsolutePath;
            if (request.Method == "GET" && path is "/api/profiles" or "/api/profiles/base/plan" or "/api/drift")
            {
                reads.AddOrUpdate(path, 1, (_, n) => n + 1);
            }
        };
        string Counts() => $"profiles {Read("/api/profiles")}, plans {Read("/api/profiles/base/plan")}, drift {Read("/api/drift")}";
        int Read(string path) => reads.GetValueOrDefault(path);
        async Task PollAsync(Func<Task> advance)
        {
            var before = await _dashboard.Status.TextContentAsync();
            await advance();
            await Expect(_dashboard.Status).Not.ToHaveTextAsync(before ?? string.Empty);
            await Expect(_dashboard.Status).ToHaveTextAsync(new Regex("^Updated "));
        }

        await _dashboard.Page.Clock.InstallAsync();
        await OpenAsync();
        await Expect(await _dashboard.Profiles.Table.CellAsync("base", "Calls")).ToHaveTextAsync("4 (2 platform)");
        await Expect(_dashboard.Status).ToHaveTextAsync(new Regex("^Updated "));
        for (var poll = 0; poll < 3; poll++)
        {
            await PollAsync(() => _dashboard.Page.Clock.RunForAsync(10_000));
        }

        Assert.True(Counts() == "profiles 4, plans 1, drift 1", $"after opening and three polls: {Counts()}; the plan and the drift list must be read once");

        await _dashboard.Page.Locator("#plan-again").ClickAsync();
        await _dashboard.Page.Locator("#drift-read").ClickAsync();
        await Eventually.TrueAsync(() => Read("/api/profiles/base/plan") == 2 && Read("/api/drift") == 2, () => $"Plan again and Read again read them (read so far: {Counts()})");

        await PutProfileAsync(V1);
        await PollAsync(() => _dashboard.Page.Clock.RunForAsync(10_000));
        Assert.True(Read("/api/profiles/base/plan") == 3 && Read("/api/drift") == 2, $"after a new version and a poll: {Counts()}; its plan must be read, the drift list not");
        await Expect(await _dashboard.Profiles.Table.CellAsync("base", "Version")).ToHaveTextAsync("3");

        await PollAsync(() => _dashboard.Page.Clock.FastForwardAsync(5 * 60 * 1000));
        Assert.True(Read("/api/profiles/base/plan") == 4 && Read("/api/drift") == 3, $"after five minutes: {Counts()}; both must be read again");
    }

    /// <summary>Profile v1 onboarded on both authorizers, their domains read, <see cref="Reserved"/> at 46 of 50, then v2 (one more request domain).</summary>
    private async Task FleetOnV2WithOneInsideTheReserveAsync()
    {
        await PutProfileAsync(V1);
        foreach (var appId in Fleet)
        {
            await _system.Sandbox.PutAuthorizerAsync(appId, new AuthorizerModel { IcpHosts = ["example.com"] });
        }

        await _system.OnboardOnProfileAsync("base", Fleet);
        await _system.ReadDomainsAsync("onboarded", Fleet);
        var registry = _system.Services.GetRequiredService<IAuthorizerRegistry>();
        var month = ChinaTime.MonthKey(_system.Services.GetRequiredService<TimeProvider>().GetUtcNow());
        var ledger = await registry.GetLedgerAsync(Reserved, month);
        Assert.NotNull(await registry.TryWriteLedgerAsync(ledger with { Used = 46 }));
        await PutProfileAsync(V2);
    }

    /// <summary>
    /// A rollout that stays Running: every modify_domain fails with 85015, so <see cref="Ready"/> (the canary) fails, and
    /// with maxFailureRate 1 the waves go on to <see cref="Reserved"/>, which waits for the 1st (quota reserve).
    /// </summary>
    private async Task<string> RunningRolloutWithOneFailedOneDeferredAsync()
    {
        await FleetOnV2WithOneInsideTheReserveAsync();
        await _system.Sandbox.SetFaultsAsync(new FaultSettings { Seed = 1, Apis = new(StringComparer.Ordinal) { ["modify_domain"] = new ApiFaults { Errcodes = new() { [85015] = 1.0 } } } });
        using var response = await _system.Api.PostAsync("api/profiles/base/rollouts", new StringContent("""{ "canary": 1, "waves": [50, 100], "maxFailureRate": 1 }""", System.Text.Encoding.UTF8, "application/json"));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"start rollout: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var rolloutId = (string)(await response.Content.ReadFromJsonAsync<JsonObject>())!["rolloutId"]!;
        await Eventually.TrueAsync(
            async () =>
            {
                var view = await _system.Api.GetFromJsonAsync<JsonObject>($"api/rollouts/{rolloutId}");
                return (int?)view!["wave"] == 2 && view["counts"]!.ToJsonString() == """{"pending":0,"running":0,"succeeded":0,"failed":1,"deferred":1,"unchanged":0}""";
            },
            $"rollout {rolloutId} reaches its last wave with {Ready} failed and {Reserved} deferred");
        Assert.Equal("Running", await StateAsync(rolloutId));
        return rolloutId;
    }

    /// <summary>The row shows the state (it is re-read only after the button's POST answered) and the API reads the same.</summary>
    private async Task ExpectStateAsync(string rolloutId, string state)
    {
        await Expect(await _dashboard.Rollouts.Table.CellAsync(rolloutId, "State")).ToHaveTextAsync(state);
        Assert.Equal(state, await StateAsync(rolloutId));
    }

    private async Task<string?> StateAsync(string rolloutId) =>
        (string?)(await _system.Api.GetFromJsonAsync<JsonObject>($"api/rollouts/{rolloutId}"))!["state"];

    private async Task PutProfileAsync(string json)
    {
        using var put = await _system.PutProfileAsync("base", json);
        Assert.True(put.IsSuccessStatusCode, $"PUT profile: HTTP {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
    }

    /// <summary>The profiles, rollouts and drift sections, written to the test output folder for review.</summary>
    private async Task ScreenshotAsync()
    {
        var output = Path.Combine(AppContext.BaseDirectory, "dashboard-profiles.png");
        await _dashboard.Page.ScreenshotAsync(new() { Path = output, FullPage = true });
        Assert.True(new FileInfo(output).Length > 10_000, $"the screenshot at {output} is {new FileInfo(output).Length} bytes");
    }

    private Task OpenAsync() => _dashboard.OpenAsync(_system.HostAddress, $"key={LocalSystem.Key}");
}
