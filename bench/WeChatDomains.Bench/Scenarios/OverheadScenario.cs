using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Bench.Infra;
using WeChatDomains.Core;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Tokens;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Bench.Scenarios;

/// <summary>What the overhead scenario measured.</summary>
internal sealed record OverheadResult(int Commands, int Concurrency, double OurCpuMsPerCommand, double AzuriteCpuMsPerCommand, double CommandsPerSecond);

/// <summary>
/// CPU time per command spent in our code: Core's real <see cref="CommandProcessor"/> with the real Table Storage
/// adapters, in this process, against an Azurite in another process and an in-process WeChat that answers at once (no
/// HTTP, no sandbox). This process's CPU time over the run divided by the commands is our code plus the Azure SDK's
/// client side; Azurite's CPU (the storage server, not ours) is measured apart.
/// </summary>
internal static class OverheadScenario
{
    public static async Task<OverheadResult> RunAsync(int commands, int concurrency)
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var wechat = new SimulatedWeChat(TimeProvider.System);
        var services = new ServiceCollection()
            .AddLogging(b => b.SetMinimumLevel(LogLevel.Warning))
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().Build())
            .AddSingleton<IWeChatClient>(wechat)
            .AddSingleton<ITokenProvider>(new FixedTokens(wechat.Issue()));
        services.AddWeChatDomainsCore();
        services.AddWeChatDomainsTableStorage(o =>
        {
            o.ConnectionString = azurite.ConnectionString;
            o.TablePrefix = "o" + Guid.NewGuid().ToString("N")[..12];
        });
        await using var provider = services.BuildServiceProvider();
        var processor = provider.GetRequiredService<CommandProcessor>();

        await RunBatchAsync(processor, "warm", Math.Min(200, commands), concurrency);
        var ours = ProcessStats.CpuTime(Environment.ProcessId);
        var theirs = ProcessStats.CpuTime(azurite.ProcessId);
        var started = TimeProvider.System.GetTimestamp();
        await RunBatchAsync(processor, "run", commands, concurrency);
        var elapsed = TimeProvider.System.GetElapsedTime(started);
        return new OverheadResult(
            commands, concurrency,
            (ProcessStats.CpuTime(Environment.ProcessId) - ours).TotalMilliseconds / commands,
            (ProcessStats.CpuTime(azurite.ProcessId) - theirs).TotalMilliseconds / commands,
            commands / elapsed.TotalSeconds);
    }

    public static void Print(OverheadResult r)
    {
        Figures.Print($"overhead: {r.Commands} commands through Core's processor and the Table Storage adapters, {r.Concurrency} at a time, WeChat answering in-process at once");
        Figures.Print($"  our CPU per command (this process: Core, adapters, Azure SDK client): {Figures.F(r.OurCpuMsPerCommand, "F2")} ms");
        Figures.Print($"  Azurite CPU per command (storage server, not ours): {Figures.F(r.AzuriteCpuMsPerCommand, "F2")} ms");
        Figures.Print($"  commands/s with no WeChat latency: {Figures.F(r.CommandsPerSecond)}");
    }

    private static async Task RunBatchAsync(CommandProcessor processor, string prefix, int commands, int concurrency)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, commands), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, token) =>
        {
            var id = $"{prefix}-{i:D6}";
            var json = i % 2 == 0
                ? BenchWorld.Command(id, WeChatApi.GetEffectiveDomain, BenchWorld.AppIdOf(i % 500), new { })
                : BenchWorld.Command(id, WeChatApi.SetWebviewDomain, BenchWorld.AppIdOf(i % 500), new { action = "set", webviewdomain = WebviewDomains });
            var disposition = await processor.ProcessAsync(new ReceivedMessage(Encoding.UTF8.GetBytes(json), id, 1), token);
            if (disposition is not Disposition.Complete)
            {
                throw new InvalidOperationException($"{id} ended {disposition}.");
            }
        });
    }

    private static readonly string[] WebviewDomains = ["https://shop.example.com"];

    /// <summary>One valid token for everything: token refresh is the sweep scenario's subject, not this one's.</summary>
    private sealed class FixedTokens(AccessToken token) : ITokenProvider
    {
        public Task<TokenLookup> GetComponentTokenAsync(CancellationToken cancellationToken = default) => Found();

        public Task<TokenLookup> GetAuthorizerTokenAsync(string authorizerAppId, CancellationToken cancellationToken = default) => Found();

        public Task<TokenLookup> RefreshAfterRejectionAsync(TokenKey key, AccessToken failed, CancellationToken cancellationToken = default) => Found();

        private Task<TokenLookup> Found() => Task.FromResult(TokenLookup.Found(token, TimeProvider.System.GetUtcNow().AddHours(2)));
    }
}
