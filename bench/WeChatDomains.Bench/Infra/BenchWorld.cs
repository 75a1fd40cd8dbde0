using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Azure.Storage.Queues;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeChatDomains.Azure.Authorizers;
using WeChatDomains.Azure.Queues;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Azure.Vault;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Testing;

namespace WeChatDomains.Bench.Infra;

/// <summary>
/// Azurite, the sandbox (in this process) and the Host (a child process) wired together, plus what a run needs around
/// them: onboarding authorizers through real pushes, submitting commands through the API or straight onto the queue,
/// and reading every record back from Table Storage.
/// </summary>
internal sealed class BenchWorld : IAsyncDisposable
{
    private readonly ServiceProvider _storage;
    private readonly string _folder;

    private BenchWorld(AzuriteServer azurite, AzuriteServer? queueAzurite, SandboxServer sandbox, HostProcess host, HostSettings settings, string folder)
    {
        Azurite = azurite;
        QueueAzurite = queueAzurite;
        Sandbox = sandbox;
        Host = host;
        Settings = settings;
        _folder = folder;
        Api = new HttpClient { BaseAddress = host.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        Api.DefaultRequestHeaders.Add("x-functions-key", HostProcess.ApiKey);
        var services = new ServiceCollection().AddLogging();
        services.AddWeChatDomainsTableStorage(o =>
        {
            o.ConnectionString = settings.StorageConnection;
            o.TablePrefix = settings.TablePrefix;
        });
        _storage = services.BuildServiceProvider();
    }

    public AzuriteServer Azurite { get; }

    /// <summary>The Azurite serving the queues apart, on disk, when the world was started with <c>queuesOnDisk</c>.</summary>
    public AzuriteServer? QueueAzurite { get; }

    /// <summary>The CPU time of the Azurite process(es) so far.</summary>
    public TimeSpan AzuriteCpuTime =>
        ProcessStats.CpuTime(Azurite.ProcessId) + (QueueAzurite is { } queues ? ProcessStats.CpuTime(queues.ProcessId) : TimeSpan.Zero);

    public SandboxServer Sandbox { get; }

    public HostProcess Host { get; }

    public HostSettings Settings { get; }

    public HttpClient Api { get; }

    public ICommandStore Store => _storage.GetRequiredService<ICommandStore>();

    /// <summary>The Host's authorizer registry (same tables): read by the drills, seeded in bulk by the fleet bench.</summary>
    public TableAuthorizerRegistry Registry => (TableAuthorizerRegistry)_storage.GetRequiredService<IAuthorizerRegistry>();

    /// <summary>The Host's local vault, opened with its own Data Protection keys (reads only; no fault injection here).</summary>
    public ISecretVault OpenVault()
    {
        var folder = new DirectoryInfo(Settings.VaultFolder);
        var protection = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(folder.FullName, "keys")));
        return new DataProtectionFileVault(protection, folder, TimeProvider.System);
    }

    /// <summary>The Host's command queue, with the Host's message encoding (base64).</summary>
    public QueueClient Queue => new(Settings.StorageConnection, Settings.QueueName, QueueOptions);

    public QueueClient PoisonQueue => new(Settings.StorageConnection, Settings.QueueName + StorageQueueConstants.PoisonSuffix, QueueOptions);

    private static QueueClientOptions QueueOptions => new() { MessageEncoding = QueueMessageEncoding.Base64 };

    /// <summary>
    /// Starts Azurite (persisting to disk when <paramref name="persistent"/>), the sandbox (with
    /// <paramref name="sandboxSettings"/>, configuration keys such as <c>Sandbox:TokenLifetime</c>) and the Host. With
    /// <paramref name="queuesOnDisk"/> the queues are served by a second Azurite persisting to disk, the tables staying in
    /// memory: Azurite's in-memory store keeps each message body as an extent of its own, and its queue garbage
    /// collection (every minute) deletes the extents of deleted messages one by one, each deletion rebuilding the whole
    /// extent index, so with tens of thousands of messages a minute it stopped every Azurite service for minutes (found
    /// in the 10,000-authorizer fleet run: Azurite at 100 % in <c>deleteExtents</c>, the Host idle). On disk many
    /// messages share an extent.
    /// </summary>
    public static async Task<BenchWorld> StartAsync(
        Func<HostSettings, HostSettings> configure, bool persistent = false, IReadOnlyDictionary<string, string?>? sandboxSettings = null,
        bool queuesOnDisk = false)
    {
        var folder = Directory.CreateTempSubdirectory("wechatdomains-bench-").FullName;
        var azurite = await AzuriteServer.StartAsync(persistent ? Path.Combine(folder, "azurite") : null);
        var queueAzurite = queuesOnDisk ? await AzuriteServer.StartAsync(Path.Combine(folder, "azurite-queues")) : null;
        var sandbox = await SandboxServer.StartAsync(b =>
        {
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            b.Configuration.AddInMemoryCollection(sandboxSettings ?? new Dictionary<string, string?>());
        });
        var connection = queueAzurite is null ? azurite.ConnectionString : azurite.ConnectionStringWithQueuesOf(queueAzurite);
        var settings = configure(new HostSettings(connection, sandbox.BaseAddress, Path.Combine(folder, "vault")));
        var host = await HostProcess.StartAsync(settings);
        return new BenchWorld(azurite, queueAzurite, sandbox, host, settings, folder);
    }

    /// <summary>An appid of the bench's authorizers: <c>wx</c> and 16 hex digits.</summary>
    public static string AppIdOf(int i) => "wx" + (0xbe00000000000000UL + (ulong)i).ToString("x16", CultureInfo.InvariantCulture);

    /// <summary>A server domain registered on the platform by <see cref="OnboardAsync"/>.</summary>
    public static string DomainOf(int i) => $"https://d{i}.example.com";

    /// <summary>
    /// Registers <paramref name="domains"/> server domains on the platform, creates <paramref name="count"/> authorizers in
    /// the sandbox, pushes a ticket to the Host and has each authorizer authorize the platform through a real
    /// <c>authorized</c> push (the Host stores its tokens in its vault and registers it).
    /// </summary>
    public async Task<IReadOnlyList<string>> OnboardAsync(int count, int domains = 200)
    {
        var platform = await Sandbox.GetPlatformAsync();
        await Sandbox.PutPlatformAsync(new PlatformModel
        {
            AppId = platform.AppId,
            Secret = platform.Secret,
            Token = platform.Token,
            EncodingAesKey = platform.EncodingAesKey,
            Published = platform.Published,
            JumpDomains = platform.JumpDomains,
            VerifiedHosts = platform.VerifiedHosts,
            ServerDomains = [.. platform.ServerDomains, .. Enumerable.Range(0, domains).Select(DomainOf)],
        });
        await PushAsync("sandbox/push-ticket");
        var appIds = Enumerable.Range(0, count).Select(AppIdOf).ToArray();
        await Parallel.ForEachAsync(appIds, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (appId, _) =>
        {
            await Sandbox.PutAuthorizerAsync(appId, new AuthorizerModel { IcpHosts = ["example.com"] });
            await PushAsync($"sandbox/authorizers/{appId}/authorize");
        });
        return appIds;
    }

    /// <summary>Has the sandbox push a component_verify_ticket to the Host (it then gets its component token by itself).</summary>
    public Task PushTicketAsync() => PushAsync("sandbox/push-ticket");

    /// <summary>Submits through <c>POST /api/commands</c>, retrying until the Host answers (it may be restarting).</summary>
    public async Task<HttpStatusCode> SubmitAsync(string json, TimeSpan? retryFor = null)
    {
        return await Poll.RetryAsync(
            async () =>
            {
                using var content = new StringContent(json, Encoding.UTF8, "application/json");
                using var response = await Api.PostAsync(new Uri("api/commands", UriKind.Relative), content);
                if ((int)response.StatusCode >= 500)
                {
                    throw new HttpRequestException($"The Host answered {(int)response.StatusCode}.");
                }

                return response.StatusCode;
            },
            retryFor ?? TimeSpan.FromMinutes(2));
    }

    /// <summary>Puts raw bytes on the command queue, as an upstream system would.</summary>
    public async Task EnqueueAsync(byte[] body) =>
        await Queue.SendMessageAsync(BinaryData.FromBytes(body), TimeSpan.Zero, TimeSpan.FromSeconds(-1));

    /// <summary>Reads every record back (null for a command Table Storage does not hold).</summary>
    public async Task<IReadOnlyDictionary<string, CommandRecord?>> ReadAllAsync(IEnumerable<string> commandIds)
    {
        var records = new System.Collections.Concurrent.ConcurrentDictionary<string, CommandRecord?>(StringComparer.Ordinal);
        await Parallel.ForEachAsync(commandIds, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, token) =>
            records[id] = await Poll.RetryAsync(() => Store.GetAsync(id, token), TimeSpan.FromMinutes(1)));
        return records;
    }

    /// <summary>Waits until the command queue holds no message (one cheap call per poll).</summary>
    public async Task WaitQueueDrainedAsync(TimeSpan limit)
    {
        var queue = Queue;
        await Poll.UntilAsync(
            async () => (await Poll.RetryAsync(() => queue.GetPropertiesAsync(), limit)).Value.ApproximateMessagesCount == 0,
            limit,
            "the command queue drains",
            TimeSpan.FromMilliseconds(200));
    }

    /// <summary>
    /// Waits until every command is in a final state; returns the records. It watches the queue's message count (one
    /// cheap call) until the queue drains, and only then reads records, so the waiting does not load Azurite.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, CommandRecord?>> WaitAllFinalAsync(IReadOnlyCollection<string> commandIds, TimeSpan limit)
    {
        var started = TimeProvider.System.GetTimestamp();
        var pending = new HashSet<string>(commandIds, StringComparer.Ordinal);
        try
        {
            await WaitQueueDrainedAsync(limit);
        }
        catch (TimeoutException)
        {
            // Say what is really left: the queue's messages now, and which commands are not final, by state.
            var now = await ReadAllAsync(pending);
            pending.RemoveWhere(id => now[id] is { } r && r.State.IsFinal());
            var waiting = (await Poll.RetryAsync(() => Queue.GetPropertiesAsync(), TimeSpan.FromMinutes(1))).Value.ApproximateMessagesCount;
            throw new TimeoutException(
                $"The command queue did not drain in {limit}: it still holds {waiting} message(s); {pending.Count} of {commandIds.Count} commands are not final ({Unfinished(pending, now)}).");
        }

        IReadOnlyDictionary<string, CommandRecord?> last = new Dictionary<string, CommandRecord?>(StringComparer.Ordinal);
        await Poll.UntilAsync(
            async () =>
            {
                last = await ReadAllAsync(pending);
                pending.RemoveWhere(id => last[id] is { } r && r.State.IsFinal());
                return pending.Count == 0;
            },
            limit - TimeProvider.System.GetElapsedTime(started),
            () => $"every command is final: {pending.Count} of {commandIds.Count} are not ({Unfinished(pending, last)})",
            TimeSpan.FromSeconds(1));
        return await ReadAllAsync(commandIds);
    }

    /// <summary>The unfinished commands by state (missing: no record), with the first ids of each.</summary>
    private static string Unfinished(IReadOnlyCollection<string> pending, IReadOnlyDictionary<string, CommandRecord?> records) =>
        string.Join("; ", pending
            .GroupBy(id => records.GetValueOrDefault(id)?.State.ToString() ?? "missing")
            .Select(g => $"{g.Key} {g.Count()}: {string.Join(", ", g.Take(5))}"));

    public async Task<long> SandboxCallsAsync() => (await Sandbox.GetCallsAsync()).Where(c => !c.Key.StartsWith("api_", StringComparison.Ordinal)).Sum(c => c.Value);

    public async ValueTask DisposeAsync()
    {
        Api.Dispose();
        await Host.DisposeAsync();
        await Sandbox.DisposeAsync();
        await Azurite.DisposeAsync();
        if (QueueAzurite is not null)
        {
            await QueueAzurite.DisposeAsync();
        }
        await _storage.DisposeAsync();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held; the temp folder is cleaned by the OS.
        }
    }

    private static readonly TimeSpan PushRetryLimit = TimeSpan.FromMinutes(2);

    /// <summary>
    /// Has the sandbox send a push, again while the Host answers 5xx or cannot be reached, as WeChat retries a push the
    /// platform did not answer with <c>success</c> (the Host answers 503 when storage failed under it: storage drills).
    /// </summary>
    private async Task PushAsync(string route)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            string failure;
            try
            {
                using var response = await Sandbox.Admin.PostAsJsonAsync(route, new PushRequest(Host.EventsUrl.ToString()));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                failure = $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                if ((int)response.StatusCode < 500 && response.StatusCode != HttpStatusCode.BadGateway)
                {
                    throw new InvalidOperationException($"{route} was refused: {failure}\n{Host.Logs.Tail(20)}");
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                failure = $"{e.GetType().Name}: {e.Message}";
            }

            if (TimeProvider.System.GetElapsedTime(started) > PushRetryLimit)
            {
                throw new InvalidOperationException($"{route} was not delivered within {PushRetryLimit.TotalSeconds:F0} s; last answer {failure}\n{Host.Logs.Tail(20)}");
            }

            await Task.Delay(Poll.Pause, TimeProvider.System);
        }
    }

    /// <summary>A command message (DESIGN section 2) as JSON.</summary>
    public static string Command(string commandId, string api, string appId, object body) =>
        JsonSerializer.Serialize(new { commandId, api, authorizerAppId = appId, body, requestedBy = "bench" });
}
