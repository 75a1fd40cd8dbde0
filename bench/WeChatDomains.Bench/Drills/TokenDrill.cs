using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using WeChatDomains.Bench.Infra;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.Sandbox;
using WeChatDomains.Sandbox.Admin;

namespace WeChatDomains.Bench.Drills;

/// <summary>
/// The token drill of issue 18: N authorizers authorize the platform while the Host's vault throttles and fails a share
/// of its writes; then authorization events are created (held by the sandbox) and delivered out of order, with stale and
/// duplicate deliveries, while the Host is SIGKILLed in the middle of its token refreshes. The sandbox's tokens last
/// 25 minutes, under the sweep's 30-minute threshold, so every sweep refreshes every Active authorizer: refreshes run
/// all the time. At the end, each authorizer is checked against what WeChat (the sandbox) knows.
/// </summary>
internal static partial class TokenDrill
{
    /// <summary>The sandbox's token lifetime in the drill: under the sweep's threshold, so every token is always due.</summary>
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromMinutes(25);

    /// <summary>The four fates of the drill's authorizers (by appid index modulo 4).</summary>
    public static readonly string[] Groups =
    [
        "kept (authorized once, its push replayed)",
        "re-authorized, the new authorized delivered before the older unauthorized",
        "revoked, a stale authorized delivered after the unauthorized",
        "re-authorized, delivered in order, then the unauthorized and the first authorized replayed",
    ];

    private const string SweepTimer = "host-timer-token-sweep";

    public static async Task<TokenDrillResult> RunAsync(int authorizers, double vaultFaultRate, int kills, TimeSpan limit)
    {
        var started = TimeProvider.System.GetTimestamp();
        await using var world = await BenchWorld.StartAsync(
            s => Configure(PairsDrill.FastRecovery(s), vaultFaultRate),
            sandboxSettings: new Dictionary<string, string?> { ["Sandbox:TokenLifetime"] = TokenLifetime.ToString("c", CultureInfo.InvariantCulture) });
        var logFile = Path.Combine(Path.GetTempPath(), "wechatdomains-drill-tokens-host.log");
        try
        {
            var result = await RunAsync(world, authorizers, vaultFaultRate, kills, limit, started);
            await File.WriteAllLinesAsync(logFile, world.Host.Logs.Lines);
            return result with { LogFile = logFile };
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException or HttpRequestException)
        {
            await File.WriteAllLinesAsync(logFile, world.Host.Logs.Lines);
            throw new InvalidOperationException($"{ex.Message} (the Host's whole log: {logFile})", ex);
        }
    }

    private static async Task<TokenDrillResult> RunAsync(BenchWorld world, int authorizers, double vaultFaultRate, int kills, TimeSpan limit, long started)
    {
        var pushes = new DrillPushes(world, limit);
        var appIds = Enumerable.Range(0, authorizers).Select(BenchWorld.AppIdOf).ToArray();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 16 };

        // 1. Every authorizer authorizes the platform; the Host stores its tokens under vault faults.
        await pushes.DeliverAsync("sandbox/push-ticket");
        var firstAuthorized = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(appIds, parallel, async (appId, _) =>
        {
            await world.Sandbox.PutAuthorizerAsync(appId, new AuthorizerModel { IcpHosts = ["example.com"] });
            firstAuthorized[appId] = await pushes.DeliverAsync($"sandbox/authorizers/{appId}/authorize");
        });
        var onboarded = TimeProvider.System.GetElapsedTime(started);

        // 2. Authorization events created in rounds one second apart (CreateTime has whole seconds), held by the sandbox.
        var held = new ConcurrentDictionary<(string AppId, string Event), int>();
        async Task HoldRoundAsync(string @event, string action, Func<int, bool> who)
        {
            await world.Sandbox.AdvanceClockAsync(TimeSpan.FromSeconds(1));
            await Parallel.ForEachAsync(appIds.Where((_, i) => who(i % Groups.Length)), parallel, async (appId, _) =>
                held[(appId, @event)] = await pushes.HoldAsync($"sandbox/authorizers/{appId}/{action}"));
        }

        await HoldRoundAsync("stale-authorized", "authorize", g => g == 2);
        await HoldRoundAsync("unauthorized", "unauthorize", g => g is 1 or 2 or 3);
        await HoldRoundAsync("reauthorized", "authorize", g => g is 1 or 3);

        // 3. Delivered out of order while the Host is killed in the middle of its refreshes.
        var kept = world.Host.Logs.Count;
        var killer = KillMidRefreshAsync(world, kills, limit);
        await Parallel.ForEachAsync(appIds.Select((appId, i) => (appId, Group: i % Groups.Length)), parallel, async (a, _) =>
        {
            (int Id, string Event)[] order = a.Group switch
            {
                0 => [(firstAuthorized[a.appId], "authorized (replayed)")],
                1 => [(held[(a.appId, "reauthorized")], "re-authorized"), (held[(a.appId, "unauthorized")], "unauthorized (older)")],
                2 => [(held[(a.appId, "unauthorized")], "unauthorized"), (held[(a.appId, "stale-authorized")], "authorized (older)")],
                _ =>
                [
                    (held[(a.appId, "unauthorized")], "unauthorized"), (held[(a.appId, "reauthorized")], "re-authorized"),
                    (held[(a.appId, "unauthorized")], "unauthorized (replayed)"), (firstAuthorized[a.appId], "first authorized (replayed)"),
                ],
            };
            foreach (var (id, what) in order)
            {
                await pushes.ResendAsync(id, $"{what} of {a.appId} (group {a.Group})");
            }
        });
        var killed = await killer;

        // 4. The sweep runs to completion twice after the last kill and the last delivery, then every authorizer is checked.
        await WaitForSweepsAsync(world, world.Host.Logs.Count, 2, limit);
        var checks = await CheckAsync(world, appIds);
        var lines = world.Host.Logs.Lines;
        var leaks = SecretScan.Leaks(lines, SecretScan.Secrets(world.Sandbox));
        return new TokenDrillResult(authorizers, vaultFaultRate, checks, killed, pushes.Resent, lines.Count, leaks, onboarded, TimeProvider.System.GetElapsedTime(started))
        {
            VaultFaults = lines.Select(l => FaultLine().Match(l)).Where(m => m.Success)
                .GroupBy(m => m.Groups[1].Value, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal),
            VaultWriteRetries = lines.Count(l => l.Contains("that WeChat issued failed", StringComparison.Ordinal)),
            Refreshes = lines.Count(l => l.Contains("Refreshed the wx", StringComparison.Ordinal)),
            MarkedNeedsReauthorization = lines.Skip(kept).Count(l => l.Contains("needs re-authorization", StringComparison.Ordinal)),
            OutOfOrderIgnored = lines.Count(l => l.Contains("a newer authorization event is recorded", StringComparison.Ordinal)),
            DuplicatesIgnored = lines.Count(l => l.Contains("whose msg_signature was already received", StringComparison.Ordinal)),
            RecoveredFromList = lines.Count(l => l.Contains("back from api_get_authorizer_list", StringComparison.Ordinal)),
        };
    }

    private static HostSettings Configure(HostSettings s, double vaultFaultRate) => s with
    {
        Extra = new(s.Extra, StringComparer.Ordinal)
        {
            ["VaultFaults__Rate"] = vaultFaultRate.ToString(CultureInfo.InvariantCulture),
            ["VaultFaults__Seed"] = "18",
            ["Tokens__RefreshLeaseDuration"] = "00:00:15",
            ["Timers__TokenSweepPeriod"] = "00:00:02",
            ["Logging__Console__FormatterOptions__TimestampFormat"] = "HH:mm:ss.fff ",

            // Held pushes reach the Host minutes after WeChat created them at full size.
            ["Push__TimestampTolerance"] = "00:20:00",
        },
    };

    /// <summary>
    /// SIGKILLs the Host <paramref name="kills"/> times, each while a sweep run is refreshing tokens (it started, it has
    /// refreshed at least one authorizer since, it has not completed), and starts it again. Returns, for each kill, the
    /// number of authorizer tokens that sweep had refreshed when it was killed.
    /// </summary>
    private static async Task<IReadOnlyList<int>> KillMidRefreshAsync(BenchWorld world, int kills, TimeSpan limit)
    {
        var killed = new List<int>();
        for (var k = 0; k < kills; k++)
        {
            var from = world.Host.Logs.Count;
            var refreshed = 0;
            await Poll.UntilAsync(
                () =>
                {
                    var lines = world.Host.Logs.Lines.Skip(from).ToList();
                    var start = lines.FindLastIndex(l => l.Contains($"Timer {SweepTimer} run started", StringComparison.Ordinal));
                    if (start < 0 || lines.Skip(start).Any(l => l.Contains($"Timer {SweepTimer} run completed", StringComparison.Ordinal)))
                    {
                        return Task.FromResult(false);
                    }

                    refreshed = lines.Skip(start).Count(l => l.Contains("Refreshed the wx", StringComparison.Ordinal));
                    return Task.FromResult(refreshed >= 3 + k);
                },
                limit,
                "a sweep is refreshing authorizer tokens",
                TimeSpan.FromMilliseconds(20));
            await world.Host.KillAsync();
            killed.Add(refreshed);
            await world.Host.RestartAsync();
        }

        return killed;
    }

    private static async Task WaitForSweepsAsync(BenchWorld world, int from, int runs, TimeSpan limit)
    {
        var completed = 0;
        await Poll.UntilAsync(
            () =>
            {
                completed = world.Host.Logs.Lines.Skip(from).Count(l => l.Contains($"Timer {SweepTimer} run completed", StringComparison.Ordinal));
                return Task.FromResult(completed >= runs);
            },
            limit,
            () => $"{runs} sweeps complete after the last delivery ({completed} did)",
            TimeSpan.FromMilliseconds(200));
    }

    /// <summary>Each authorizer against the sandbox: its expected state, the Host's state, the vault's refresh token, a refresh with it.</summary>
    private static async Task<IReadOnlyList<AuthorizerCheck>> CheckAsync(BenchWorld world, IReadOnlyList<string> appIds)
    {
        var vault = world.OpenVault();
        var component = (await (await world.Sandbox.Admin.PostAsync(new Uri("sandbox/component/token", UriKind.Relative), null))
            .EnsureSuccessStatusCode().Content.ReadFromJsonAsync<MintedToken>())!.AccessToken;
        var checks = new ConcurrentBag<AuthorizerCheck>();
        await Parallel.ForEachAsync(appIds.Select((appId, i) => (appId, Group: i % Groups.Length)), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (a, token) =>
        {
            var expectActive = a.Group != 2;
            var record = await world.Registry.GetAsync(a.appId, token);
            var sandboxToken = (await world.Sandbox.GetAuthorizerAsync(a.appId)).RefreshToken;
            var stored = (await vault.GetAsync(SecretNames.AuthorizerRefreshToken(a.appId), token))?.Value;
            var refresh = stored is null ? (int?)null : await RefreshErrcodeAsync(world, component, a.appId, stored);
            checks.Add(new AuthorizerCheck(
                a.appId, a.Group, expectActive, record?.State, stored is not null, string.Equals(stored, sandboxToken, StringComparison.Ordinal), refresh,
                record?.LastRefreshErrorCode, record?.LastRefreshError));
        });
        return [.. checks.OrderBy(c => c.AppId, StringComparer.Ordinal)];
    }

    /// <summary>errcode of <c>api_authorizer_token</c> with <paramref name="refreshToken"/> (0: it works).</summary>
    private static async Task<int> RefreshErrcodeAsync(BenchWorld world, string componentToken, string appId, string refreshToken)
    {
        var body = new Dictionary<string, string>
        {
            ["component_appid"] = SandboxSeed.PlatformAppId,
            ["authorizer_appid"] = appId,
            ["authorizer_refresh_token"] = refreshToken,
        };
        using var response = await world.Sandbox.Admin.PostAsJsonAsync(
            new Uri("cgi-bin/component/api_authorizer_token?component_access_token=" + Uri.EscapeDataString(componentToken), UriKind.Relative), body);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.TryGetProperty("errcode", out var errcode) ? errcode.GetInt32() : 0;
    }

    [GeneratedRegex("Injected vault fault ([A-Za-z]+) on ", RegexOptions.CultureInvariant)]
    private static partial Regex FaultLine();
}

/// <summary>One authorizer at the end of the token drill.</summary>
internal sealed record AuthorizerCheck(
    string AppId, int Group, bool ExpectActive, AuthorizerState? State, bool VaultHasRefreshToken, bool VaultTokenIsCurrent, int? RefreshErrcode,
    int? LastRefreshErrorCode, string? LastRefreshError)
{
    /// <summary>It should be Active and is not: locked out of token refresh until the merchant authorizes again.</summary>
    public bool WronglyRevoked => ExpectActive && State != AuthorizerState.Active;

    /// <summary>It withdrew the authorization and the Host still treats it as Active.</summary>
    public bool NotRevoked => !ExpectActive && State == AuthorizerState.Active;

    /// <summary>It should be Active and the vault holds no refresh token that works.</summary>
    public bool Lost => ExpectActive && !(VaultTokenIsCurrent && RefreshErrcode == 0);

    /// <summary>Revoked, yet its refresh token is still in the vault.</summary>
    public bool SecretLeftBehind => !ExpectActive && VaultHasRefreshToken;

    public string Describe() =>
        $"{AppId} (group {Group}: expected {(ExpectActive ? "Active" : "Revoked")}, Host says {State?.ToString() ?? "nothing"}; vault refresh token {(VaultHasRefreshToken ? VaultTokenIsCurrent ? "current" : "stale" : "missing")}, refresh with it errcode {RefreshErrcode?.ToString(CultureInfo.InvariantCulture) ?? "-"}; last refresh errcode {LastRefreshErrorCode?.ToString(CultureInfo.InvariantCulture) ?? "-"} {LastRefreshError})";
}
