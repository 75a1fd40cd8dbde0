using System.Net.Http.Json;
using System.Text;
using WeChatDomains.Bench.Infra;
using WeChatDomains.Testing;

namespace WeChatDomains.EndToEnd.Tests;

/// <summary>
/// The system with the Host as a child process (<c>dotnet WeChatDomains.Host.dll</c>, the bench's
/// <see cref="HostProcess"/>) instead of in this process, so that a test can SIGKILL it and start it again on the same
/// port, storage and vault: Azurite from the fixture (a queue and table prefix of its own) and an in-process sandbox.
/// Driven over HTTP only, like <see cref="LocalSystem"/>; while the Host is down, probes see no answer rather than fail.
/// </summary>
internal sealed class KillableSystem : IAsyncDisposable
{
    /// <summary>Leases, visibility and retries short enough for a Host killed mid-run to be taken over in seconds.</summary>
    private static readonly Dictionary<string, string> FastRecovery = new(StringComparer.Ordinal)
    {
        ["Processing__RetryBaseDelay"] = "00:00:00.200",
        ["Processing__RetryMaxDelay"] = "00:00:02",
        ["Processing__RunLease"] = "00:00:05",
        ["Processing__OrderRecheck"] = "00:00:01",
        ["WeChatClient__BaseDelay"] = "00:00:00.010",
        ["WeChatClient__MaxDelay"] = "00:00:00.100",
        ["StorageQueue__VisibilityTimeout"] = "00:00:10",
        ["Intake__ErrorRetryDelay"] = "00:00:01",
        ["Timers__DeferredReleasePeriod"] = "00:00:01",
        ["Timers__TokenSweepPeriod"] = "00:10:00",
        ["Timers__RunLease"] = "00:00:03",
    };

    private readonly DirectoryInfo _vaultFolder;

    private KillableSystem(SandboxServer sandbox, HostProcess host, DirectoryInfo vaultFolder)
    {
        Sandbox = sandbox;
        Host = host;
        _vaultFolder = vaultFolder;
        Api = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };
        Api.DefaultRequestHeaders.Add("x-functions-key", HostProcess.ApiKey);
    }

    public SandboxServer Sandbox { get; }

    public HostProcess Host { get; }

    /// <summary>A client that sends the API key.</summary>
    public HttpClient Api { get; }

    /// <param name="azurite">The storage.</param>
    /// <param name="settings">Configuration keys (with <c>__</c>) added to those that let a killed Host recover in seconds.</param>
    public static async Task<KillableSystem> StartAsync(AzuriteFixture azurite, IReadOnlyDictionary<string, string> settings)
    {
        var sandbox = await SandboxServer.StartAsync();
        var vault = Directory.CreateTempSubdirectory("wechatdomains-e2e-vault-");
        var name = AzuriteFixture.UniqueName("kill");
        var extra = new Dictionary<string, string>(FastRecovery, StringComparer.Ordinal);
        foreach (var (key, value) in settings)
        {
            extra[key] = value;
        }

        var host = await HostProcess.StartAsync(new HostSettings(azurite.ConnectionString, sandbox.BaseAddress, vault.FullName)
        {
            QueueName = name,
            TablePrefix = name,
            IntakeConcurrency = 16,
            Extra = extra,
        });
        return new KillableSystem(sandbox, host, vault);
    }

    /// <summary>The sandbox pushes a ticket, then an <c>authorized</c> event for each appid; waits until each is Active.</summary>
    public async Task OnboardAsync(params string[] appIds)
    {
        await PushAsync("sandbox/push-ticket");
        foreach (var appId in appIds)
        {
            await PushAsync($"sandbox/authorizers/{appId}/authorize");
            await Eventually.TrueAsync(
                async () => (await GetAsync<AuthorizerView>($"api/authorizers/{appId}"))?.State == "Active",
                $"{appId} is Active on the Host");
        }
    }

    /// <summary>PUT /api/profiles/{name}; fails the test unless it is stored.</summary>
    public async Task PutProfileAsync(string name, string json)
    {
        using var put = await Api.PutAsync($"api/profiles/{name}", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.True(put.IsSuccessStatusCode, $"PUT profile {name}: HTTP {(int)put.StatusCode} {await put.Content.ReadAsStringAsync()}");
    }

    /// <summary>Reads each authorizer's domains with quota-free gets and waits until every one Succeeded.</summary>
    public async Task ReadDomainsAsync(string round, IEnumerable<string> appIds)
    {
        var ids = new List<string>();
        foreach (var appId in appIds)
        {
            foreach (var api in new[] { "get_effective_domain", "get_effective_webviewdomain" })
            {
                var id = $"read-{round}-{appId}-{api}";
                using var response = await Api.PostAsJsonAsync("api/commands", new { commandId = id, api, authorizerAppId = appId, body = new { }, requestedBy = "e2e" });
                Assert.True(response.IsSuccessStatusCode, $"POST {id}: HTTP {(int)response.StatusCode}");
                ids.Add(id);
            }
        }

        foreach (var id in ids)
        {
            var end = await WaitForEndAsync(id);
            Assert.True(end.State == "Succeeded", $"{id} ended {end.State} ({end.LastErrorCode})");
        }
    }

    /// <summary>Polls <c>GET /api/commands/{id}</c> until the command is final (or Deferred).</summary>
    public Task<CommandView> WaitForEndAsync(string commandId) => Eventually.ValueAsync(
        async () => await GetAsync<CommandView>($"api/commands/{Uri.EscapeDataString(commandId)}") is { IsEnd: true } view ? view : null,
        $"command {commandId} ends");

    /// <summary>GET as JSON; null when the Host does not answer (killed or starting) or answers other than 200.</summary>
    public async Task<T?> GetAsync<T>(string path)
        where T : class
    {
        try
        {
            using var response = await Api.GetAsync(path);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<T>() : null;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>The sandbox's count of state-changing modify calls of each authorizer (what was really applied).</summary>
    public async Task<long[]> AppliedModificationsAsync(IReadOnlyList<string> appIds)
    {
        var applied = new long[appIds.Count];
        for (var i = 0; i < appIds.Count; i++)
        {
            applied[i] = (await Sandbox.GetAuthorizerAsync(appIds[i])).AppliedModifications;
        }

        return applied;
    }

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Host.DisposeAsync();
        await Sandbox.DisposeAsync();
        _vaultFolder.Delete(recursive: true);
    }

    private async Task PushAsync(string route)
    {
        using var response = await Sandbox.Admin.PostAsJsonAsync(route, new { url = Host.EventsUrl.ToString() });
        var result = await response.Content.ReadFromJsonAsync<PushResultView>();
        Assert.True(result is { Delivered: true, StatusCode: 200 }, $"{route}: the Host did not take the push (HTTP {(int)response.StatusCode}, {result?.ResponseBody})");
    }
}

