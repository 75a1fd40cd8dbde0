using System.Net.Http.Json;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using WeChatDomains.Core.Ports;
using WeChatDomains.Host;
using WeChatDomains.Sandbox;
using WeChatDomains.Testing;

namespace WeChatDomains.EndToEnd.Tests;

/// <summary>
/// The whole system on loopback: the Host (its own Kestrel on a free port, Development, intake and timers on) with
/// Azurite from the fixture (a queue and table prefix of its own), a temporary file vault and the WeChat client pointed
/// at an in-process sandbox. Tests drive it over HTTP only: the API with the key, the sandbox's admin API, and the
/// sandbox's pushes to the Host's events route.
/// </summary>
internal sealed class LocalSystem : IAsyncDisposable
{
    public const string Key = "e2e-key";

    private readonly WebApplication _host;
    private readonly DirectoryInfo _vaultFolder;

    private LocalSystem(SandboxServer sandbox, WebApplication host, Uri hostAddress, QueueClient queue, DirectoryInfo vaultFolder)
    {
        Sandbox = sandbox;
        _host = host;
        _vaultFolder = vaultFolder;
        Queue = queue;
        HostAddress = hostAddress;
        Api = new HttpClient { BaseAddress = hostAddress };
        Api.DefaultRequestHeaders.Add("x-functions-key", Key);
        Anonymous = new HttpClient { BaseAddress = hostAddress };
    }

    public SandboxServer Sandbox { get; }

    public Uri HostAddress { get; }

    /// <summary>The Host's push receiver, where the sandbox sends its pushes.</summary>
    public Uri EventsUrl => new(HostAddress, "api/wechat/events");

    /// <summary>A client that sends the API key.</summary>
    public HttpClient Api { get; }

    /// <summary>A client without a key.</summary>
    public HttpClient Anonymous { get; }

    /// <summary>The Host's command queue (unique to this system).</summary>
    public QueueClient Queue { get; }

    /// <summary>What the Host stored in its vault (read through its own port, so the test never decrypts files).</summary>
    public ISecretVault Vault => _host.Services.GetRequiredService<ISecretVault>();

    /// <summary>The Host's services (its telemetry providers, say).</summary>
    public IServiceProvider Services => _host.Services;

    /// <summary>Every log record the Host wrote.</summary>
    public FakeLogCollector Logs => _host.Services.GetFakeLogCollector();

    /// <param name="azurite">The storage.</param>
    /// <param name="configure">Extra registrations made after the Host's own (a telemetry processor, say).</param>
    public static async Task<LocalSystem> StartAsync(AzuriteFixture azurite, Action<IServiceCollection>? configure = null)
    {
        var sandbox = await SandboxServer.StartAsync();
        var queueName = AzuriteFixture.UniqueName("e2e");
        var vault = Directory.CreateTempSubdirectory("wechatdomains-e2e-vault-");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            EnvironmentName = "Development",
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(RepositoryPaths.Root, "src", "WeChatDomains.Host", "wwwroot"),
            Args = ["--urls", "http://127.0.0.1:0"],
        });
        builder.Configuration.AddInMemoryCollection(Settings(azurite.ConnectionString, sandbox.BaseAddress, queueName, vault.FullName));
        builder.Logging.AddFakeLogging();
        builder.AddWeChatDomainsHost();
        configure?.Invoke(builder.Services);
        var host = builder.Build();
        host.UseWeChatDomainsHost();
        await host.StartAsync();

        var address = host.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        var queue = new QueueServiceClient(azurite.ConnectionString).GetQueueClient(queueName);
        return new LocalSystem(sandbox, host, new Uri(address.TrimEnd('/') + "/"), queue, vault);
    }

    private static Dictionary<string, string?> Settings(string storage, Uri sandbox, string queueName, string vault) => new()
    {
        ["ConnectionStrings:Storage"] = storage,
        ["StorageQueue:QueueName"] = queueName,
        ["TableStorage:TablePrefix"] = queueName,
        ["LocalVault:Folder"] = vault,
        ["WeChatClient:BaseUrl"] = sandbox.ToString(),
        ["WeChatClient:BaseDelay"] = "00:00:00.010",
        ["WeChatClient:MaxDelay"] = "00:00:00.100",
        ["Platform:AppId"] = SandboxSeed.PlatformAppId,
        ["Platform:AppSecret"] = SandboxSeed.PlatformSecret,
        ["Platform:Token"] = SandboxSeed.PlatformToken,
        ["Platform:EncodingAesKey"] = SandboxSeed.EncodingAesKey,
        ["Api:Key"] = Key,
        ["Intake:PollInterval"] = "00:00:00.020",
        ["Intake:MaxPollInterval"] = "00:00:00.200",
        ["Intake:ErrorRetryDelay"] = "00:00:00.500",
        ["Processing:RetryBaseDelay"] = "00:00:00.050",
        ["Processing:RetryMaxDelay"] = "00:00:00.500",
        ["Processing:OrderRecheck"] = "00:00:01",
        ["Processing:TicketWait"] = "00:00:01",
        ["Timers:DeferredReleasePeriod"] = "00:00:01",
        ["Timers:TokenSweepPeriod"] = "00:10:00",
        ["Profiles:RolloutStepPeriod"] = "00:00:00.200",
    };

    /// <summary>
    /// The sandbox pushes a component_verify_ticket, then an <c>authorized</c> event for each of <paramref name="appIds"/>,
    /// to the Host; the Host gets the component token (api_component_token) and the authorizers' tokens (api_query_auth).
    /// </summary>
    public async Task OnboardAsync(params string[] appIds)
    {
        await PushAsync("sandbox/push-ticket");
        foreach (var appId in appIds)
        {
            await PushAsync($"sandbox/authorizers/{appId}/authorize");
            await Eventually.TrueAsync(
                async () => (await Api.GetFromJsonAsync<AuthorizerView>($"api/authorizers/{appId}"))?.State == "Active",
                $"{appId} is Active on the Host");
        }
    }

    /// <summary>Submits a command to <c>POST /api/commands</c>.</summary>
    public Task<HttpResponseMessage> SubmitAsync(object command) => Api.PostAsJsonAsync("api/commands", command);

    /// <summary>Polls <c>GET /api/commands/{id}</c> until the command is final (or Deferred).</summary>
    public Task<CommandView> WaitForEndAsync(string commandId) => Eventually.ValueAsync(
        async () =>
        {
            using var response = await Api.GetAsync($"api/commands/{Uri.EscapeDataString(commandId)}");
            var view = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<CommandView>() : null;
            return view is { IsEnd: true } ? view : null;
        },
        $"command {commandId} ends");

    /// <summary>
    /// Waits until the command is Succeeded, Failed or Rejected (a command-level retry passes through Deferred: a modify
    /// call that answered -1 is not replayed by the client but settled by a get on the next run).
    /// </summary>
    public Task<CommandView> WaitForFinalAsync(string commandId) => Eventually.ValueAsync(
        async () =>
        {
            using var response = await Api.GetAsync($"api/commands/{Uri.EscapeDataString(commandId)}");
            var view = response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<CommandView>() : null;
            return view is { IsFinal: true } ? view : null;
        },
        $"command {commandId} is final");

    /// <summary>Messages in the command queue, visible or not (Azurite's count is exact).</summary>
    public async Task<int> QueuedMessagesAsync() => (await Queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        Anonymous.Dispose();
        await _host.StopAsync();
        await _host.DisposeAsync();
        await Sandbox.DisposeAsync();
        _vaultFolder.Delete(recursive: true);
    }

    /// <summary>Has the sandbox push through <paramref name="route"/> to the Host, which must take it.</summary>
    public async Task PushAsync(string route)
    {
        using var response = await Sandbox.Admin.PostAsJsonAsync(route, new { url = EventsUrl.ToString() });
        var result = await response.Content.ReadFromJsonAsync<PushResultView>();
        Assert.True(result is { Delivered: true, StatusCode: 200 }, $"{route}: the Host did not take the push (HTTP {(int)response.StatusCode}, {result?.ResponseBody})");
    }
}
