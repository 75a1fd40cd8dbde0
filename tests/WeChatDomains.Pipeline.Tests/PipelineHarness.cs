using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using WeChatDomains.Azure.Commands;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.Core.Tokens;
using WeChatDomains.Sandbox;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Testing;
using WeChatDomains.WeChat;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Pipeline.Tests;

/// <summary>
/// Core's processor over the real Table Storage adapters (Azurite, tables unique to the harness) and the real WeChat
/// client against an in-process sandbox over HTTP. Our side's time is a <see cref="FakeTimeProvider"/> the tests move;
/// the client's backoff runs on real time with millisecond delays.
/// </summary>
internal sealed class PipelineHarness : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 2, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;
    private readonly ServiceProvider _clientServices;
    private int _messages;

    private PipelineHarness(SandboxServer sandbox, FakeTimeProvider time, ServiceProvider services, ServiceProvider clientServices, SandboxTokens tokens)
    {
        Sandbox = sandbox;
        Time = time;
        _services = services;
        _clientServices = clientServices;
        Tokens = tokens;
    }

    public SandboxServer Sandbox { get; }

    public FakeTimeProvider Time { get; }

    public SandboxTokens Tokens { get; }

    public CommandProcessor Processor => _services.GetRequiredService<CommandProcessor>();

    public ICommandStore Store => _services.GetRequiredService<ICommandStore>();

    public IAuthorizerRegistry Registry => _services.GetRequiredService<IAuthorizerRegistry>();

    public DeferredRelease Release => _services.GetRequiredService<DeferredRelease>();

    public IServiceProvider Services => _services;

    /// <summary>The store decorator that can simulate a crash, when the harness was created with one.</summary>
    public CrashingStore? Crashing => _services.GetService<CrashingStore>();

    /// <summary>The storage operation counter, when the harness was created with <c>countOperations</c>.</summary>
    public Azure.Operations.StorageOperationCounter? Operations => _services.GetRequiredService<Azure.Faults.StorageClientPolicies>().Counter;

    public static async Task<PipelineHarness> CreateAsync(AzuriteFixture azurite, bool crashingStore = false, bool countOperations = false)
    {
        var sandbox = await SandboxServer.StartAsync();
        var time = new FakeTimeProvider(Start);

        var clientServices = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System);
        clientServices.AddWeChatClient(o =>
        {
            o.BaseUrl = sandbox.BaseAddress;
            o.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.MaxDelay = TimeSpan.FromMilliseconds(5);
            o.AttemptTimeout = TimeSpan.FromSeconds(5);
        });
        var clientProvider = clientServices.BuildServiceProvider();

        var tokens = new SandboxTokens(sandbox, time);
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton<TimeProvider>(time)
            .AddSingleton(clientProvider.GetRequiredService<IWeChatClient>())
            .AddSingleton<ITokenProvider>(tokens);
        services.AddWeChatDomainsCore(o =>
        {
            o.RetryBaseDelay = TimeSpan.FromSeconds(2);
            o.RetryMaxDelay = TimeSpan.FromSeconds(30);
        });
        services.AddWeChatDomainsTableStorage(o =>
        {
            o.ConnectionString = azurite.ConnectionString;
            o.TablePrefix = AzuriteFixture.UniqueName("p");
        });
        services.Configure<Azure.Operations.StorageOperationOptions>(o => o.Count = countOperations);
        if (crashingStore)
        {
            services.AddSingleton<TableCommandStore>();
            services.AddSingleton(sp => new CrashingStore(sp.GetRequiredService<TableCommandStore>()));
            services.AddSingleton<ICommandStore>(sp => sp.GetRequiredService<CrashingStore>());
        }

        return new PipelineHarness(sandbox, time, services.BuildServiceProvider(), clientProvider, tokens);
    }

    /// <summary>A command message (DESIGN section 2) as UTF-8 JSON.</summary>
    public static ReadOnlyMemory<byte> Command(string commandId, string api, object body, string? authorizer = SandboxSeed.MiniProgramAppId) =>
        Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["commandId"] = commandId,
            ["api"] = api,
            ["authorizerAppId"] = authorizer,
            ["body"] = body,
            ["requestedBy"] = "pipeline-tests",
        }.Where(p => p.Value is not null).ToDictionary(p => p.Key, p => p.Value)));

    public static ReadOnlyMemory<byte> AddRequestDomain(string commandId, string domain = "https://api.example.com", string api = WeChatApi.ModifyDomain) =>
        Command(commandId, api, new { action = "add", requestdomain = new[] { domain } });

    public Task<Disposition> ProcessAsync(ReadOnlyMemory<byte> body, int deliveryCount = 1) =>
        Processor.ProcessAsync(new ReceivedMessage(body, $"m-{Interlocked.Increment(ref _messages)}", deliveryCount), CancellationToken.None);

    /// <summary>Processes like a queue would: re-delivering after each RetryAfter (moving fake time) until the command leaves the queue.</summary>
    public async Task<Disposition> ProcessUntilSettledAsync(ReadOnlyMemory<byte> body, int maxDeliveries = 30)
    {
        for (var delivery = 1; ; delivery++)
        {
            var disposition = await ProcessAsync(body, delivery);
            if (disposition is not Disposition.RetryAfter retry || delivery >= maxDeliveries)
            {
                return disposition;
            }

            Time.Advance(retry.Delay + TimeSpan.FromMilliseconds(1));
        }
    }

    public async Task<CommandRecord> RecordAsync(string commandId) =>
        await Store.GetAsync(commandId) ?? throw new InvalidOperationException($"No record of {commandId}.");

    public Task SetFaultsAsync(string api, ApiFaults faults, int seed = 7) =>
        Sandbox.SetFaultsAsync(new FaultSettings { Seed = seed, Apis = new(StringComparer.Ordinal) { [api] = faults } });

    public async Task<long> CallsAsync(string api) => (await Sandbox.GetCallsAsync()).GetValueOrDefault(api);

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await _clientServices.DisposeAsync();
        await Sandbox.DisposeAsync();
    }
}
