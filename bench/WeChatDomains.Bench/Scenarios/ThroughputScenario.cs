using System.Globalization;
using System.Text;
using WeChatDomains.Azure.Operations;
using WeChatDomains.Bench.Infra;
using WeChatDomains.Core.Status;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Bench.Scenarios;

/// <summary>What the throughput scenario measured.</summary>
internal sealed record ThroughputResult(
    int Commands, int Concurrency, int LatencyMs, int Durable, int Succeeded, double CommandsPerSecond, double BareCallsPerSecond,
    string SubmissionToFinal, string ReceiptToFinal, double HostPeakRssMiB, double HostCpuMsPerCommand, int Window, long DeepestBacklog, int InFlight,
    double AzuriteCpuMsPerCommand, double BenchCpuMsPerCommand)
{
    /// <summary>The Host's storage operations over the run (reset before the first submission, read once all are final).</summary>
    public StorageOperationSnapshot? Operations { get; init; }

    /// <summary>The Host's table prefix, left out of printed table names.</summary>
    public string TablePrefix { get; init; } = string.Empty;

    public double Bound => Concurrency * 1000.0 / LatencyMs;

    /// <summary>CPU time per command of every process of the run: the Host, Azurite, and the bench (sandbox, submitters).</summary>
    public double CpuMsPerCommand => HostCpuMsPerCommand + AzuriteCpuMsPerCommand + BenchCpuMsPerCommand;

    /// <summary>Commands/s the machine's cores could carry at that CPU cost per command, were nothing else the limit.</summary>
    public double CpuBound => Environment.ProcessorCount * 1000.0 / CpuMsPerCommand;
}

/// <summary>
/// N commands submitted through the Host's API, taken off its Storage Queue by its intake at concurrency C, applied
/// against the sandbox with injected latency; then C bare HTTP loops against the same sandbox and API mix, in the same run.
/// Commands alternate get_effective_domain and setwebviewdomain (no quota) round-robin over the authorizers, so neither
/// the quota nor per-authorizer serialization binds.
/// <para>
/// The submitters stay at most a window W (default <see cref="DefaultWindowPerConcurrency"/> x C) of commands ahead of
/// those that have reached the sandbox (each command makes exactly one call there), so the Storage Queue holds a bounded
/// backlog. Azurite's Queue service costs O(messages in the account) per operation (its expiry sweep and its delete's
/// lookup scan every message), so a burst of thousands of messages measures the emulator's scans, not our pipeline, and
/// real Azure Storage Queues do not behave that way. With the window this is a steady-state measurement of our pipeline;
/// W 0 submits everything in one burst. The deepest backlog seen is printed with the figures.
/// </para>
/// </summary>
internal static class ThroughputScenario
{
    /// <summary>The default window is this many commands per concurrent WeChat call.</summary>
    public const int DefaultWindowPerConcurrency = 8;

    /// <summary>The Host's intake keeps this many commands in flight per concurrent WeChat call by default.</summary>
    public const int DefaultInFlightPerConcurrency = 4;

    private static readonly string[] WebviewDomains = ["https://shop.example.com"];

    /// <summary>
    /// Runs the scenario: at most <paramref name="concurrency"/> calls to WeChat at once (<c>WeChatClient:MaxConcurrentCalls</c>),
    /// <paramref name="inFlight"/> commands in the Host's intake at once (<c>Intake:MaxConcurrency</c>; null:
    /// <see cref="DefaultInFlightPerConcurrency"/> x <paramref name="concurrency"/>), so storage work overlaps the calls;
    /// <paramref name="window"/> bounds how far submission runs ahead of the sandbox (0: one burst, null:
    /// <see cref="DefaultWindowPerConcurrency"/> x <paramref name="concurrency"/>).
    /// </summary>
    public static async Task<ThroughputResult> RunAsync(int commands, int latencyMs, int concurrency, int authorizers, int? window = null, int? inFlight = null)
    {
        var backlogWindow = window ?? DefaultWindowPerConcurrency * concurrency;
        var inFlightCommands = inFlight ?? DefaultInFlightPerConcurrency * concurrency;
        var limit = TimeSpan.FromSeconds(120 + commands / 20.0);
        await using var world = await BenchWorld.StartAsync(s => s with
        {
            IntakeConcurrency = inFlightCommands,
            LogLevel = "Warning",
            Extra = new(StringComparer.Ordinal)
            {
                ["WeChatClient__MaxConcurrentCalls"] = concurrency.ToString(CultureInfo.InvariantCulture),
                [StorageOperationFigures.Setting.Key] = StorageOperationFigures.Setting.Value,
            },
        });
        var appIds = await world.OnboardAsync(authorizers, domains: 0);
        await world.Sandbox.SetFaultsAsync(new FaultSettings { Apis = new(StringComparer.Ordinal) { ["*"] = new ApiFaults { LatencyMs = latencyMs } } });

        var ids = Enumerable.Range(0, commands).Select(i => $"tp-{i:D6}").ToArray();
        await StorageOperationFigures.ResetAsync(world);
        var cpuBefore = world.Host.CpuTime;
        var azuriteBefore = ProcessStats.CpuTime(world.Azurite.ProcessId);
        var benchBefore = ProcessStats.CpuTime(Environment.ProcessId);
        var started = TimeProvider.System.GetTimestamp();
        var gate = await BacklogWindow.StartAsync(() => CommandCallsAsync(world), backlogWindow, limit);
        await using (gate)
        {
            await Parallel.ForEachAsync(Enumerable.Range(0, commands), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
            {
                await gate.EnterAsync(token);
                var status = await world.SubmitAsync(CommandOf(ids[i], appIds[i % appIds.Count], i / appIds.Count));
                if ((int)status != 202)
                {
                    throw new InvalidOperationException($"{ids[i]} was answered {(int)status}.");
                }

                gate.Submitted();
            });
        }

        var deepestBacklog = gate.DeepestBacklog;

        // CPU is read when the queue has drained, before the records are read back, so it is the run's alone.
        await world.WaitQueueDrainedAsync(limit);
        var cpu = world.Host.CpuTime - cpuBefore;
        var azuriteCpu = ProcessStats.CpuTime(world.Azurite.ProcessId) - azuriteBefore;
        var benchCpu = ProcessStats.CpuTime(Environment.ProcessId) - benchBefore;
        var records = await world.WaitAllFinalAsync(ids, limit);
        var operations = await StorageOperationFigures.ReadAsync(world);
        var wall = TimeProvider.System.GetElapsedTime(started);

        var durable = records.Values.Where(r => r is not null).Select(r => r!).ToArray();
        var first = durable.Min(r => r.ReceivedAt ?? r.CreatedAt);
        var last = durable.Max(r => r.CompletedAt!.Value);
        var perSecond = durable.Length / (last - first).TotalSeconds;
        var bare = await BareHttpAsync(world, appIds, commands, concurrency);
        Figures.Print($"  (wall clock from first submission: {Figures.F(wall.TotalSeconds)} s)");

        return new ThroughputResult(
            commands, concurrency, latencyMs, durable.Length, durable.Count(r => r.State == CommandState.Succeeded), perSecond, bare,
            Figures.Latencies(durable.Select(r => r.CompletedAt!.Value - r.CreatedAt)),
            Figures.Latencies(durable.Select(r => r.CompletedAt!.Value - (r.ReceivedAt ?? r.CreatedAt))),
            world.Host.PeakRssMiB, cpu.TotalMilliseconds / commands, backlogWindow, deepestBacklog, inFlightCommands,
            azuriteCpu.TotalMilliseconds / commands, benchCpu.TotalMilliseconds / commands)
        {
            Operations = operations,
            TablePrefix = world.Settings.TablePrefix,
        };
    }

    public static void Print(ThroughputResult r)
    {
        Figures.Print($"throughput: {r.Commands} commands, at most {r.Concurrency} WeChat calls at once (Host intake: {r.InFlight} commands in flight), sandbox latency {r.LatencyMs} ms");
        Figures.Print($"  backlog window: {(r.Window > 0 ? r.Window.ToString(CultureInfo.InvariantCulture) : "none (one burst)")}; deepest backlog seen (submitted, not yet at the sandbox): {r.DeepestBacklog}");
        Figures.Print($"  commands/s (first receipt to last completion): {Figures.F(r.CommandsPerSecond)}");
        Figures.Print($"  bound C/latency: {Figures.F(r.Bound)}/s -> ratio {Figures.F(r.CommandsPerSecond / r.Bound, "F2")}");
        Figures.Print($"  bare HTTP, {r.Concurrency} loops, same sandbox and mix: {Figures.F(r.BareCallsPerSecond)} calls/s -> ratio {Figures.F(r.CommandsPerSecond / r.BareCallsPerSecond, "F2")}");
        Figures.Print($"  CPU per command: Host {Figures.F(r.HostCpuMsPerCommand, "F2")} ms + Azurite {Figures.F(r.AzuriteCpuMsPerCommand, "F2")} ms + bench process (sandbox, submitters) {Figures.F(r.BenchCpuMsPerCommand, "F2")} ms = {Figures.F(r.CpuMsPerCommand, "F2")} ms");
        Figures.Print($"  CPU bound, {Environment.ProcessorCount} cores / CPU per command: {Figures.F(r.CpuBound)}/s -> ratio {Figures.F(r.CommandsPerSecond / r.CpuBound, "F2")}");
        Figures.Print($"  latency submission->final: {r.SubmissionToFinal}");
        Figures.Print($"  latency receipt->final:    {r.ReceiptToFinal}");
        Figures.Print($"  durable in Table Storage: {r.Durable}/{r.Commands} read back, {r.Succeeded} Succeeded");
        Figures.Print($"  Host peak RSS (VmHWM): {Figures.F(r.HostPeakRssMiB)} MiB");
        if (r.Operations is not null)
        {
            StorageOperationFigures.Print(r.Operations, r.Succeeded, r.TablePrefix);
        }
    }

    /// <summary>Calls of the two apis the commands make, as the sandbox counts them (on arrival).</summary>
    private static async Task<long> CommandCallsAsync(BenchWorld world)
    {
        var calls = await world.Sandbox.GetCallsAsync();
        return calls.GetValueOrDefault(WeChatApi.GetEffectiveDomain) + calls.GetValueOrDefault(WeChatApi.SetWebviewDomain);
    }

    private static string CommandOf(string id, string appId, int round) => round % 2 == 0
        ? BenchWorld.Command(id, WeChatApi.GetEffectiveDomain, appId, new { })
        : BenchWorld.Command(id, WeChatApi.SetWebviewDomain, appId, new { action = "set", webviewdomain = WebviewDomains });

    /// <summary>C loops of raw calls of the same two apis to the same sandbox, as many calls as commands.</summary>
    private static async Task<double> BareHttpAsync(BenchWorld world, IReadOnlyList<string> appIds, int calls, int concurrency)
    {
        var tokens = new string[Math.Min(appIds.Count, concurrency)];
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = await world.Sandbox.MintAuthorizerTokenAsync(appIds[i]);
        }

        using var http = new HttpClient { BaseAddress = world.Sandbox.BaseAddress };
        var next = -1;
        var started = TimeProvider.System.GetTimestamp();
        var loops = Enumerable.Range(0, concurrency).Select(async loop =>
        {
            for (var i = Interlocked.Increment(ref next); i < calls; i = Interlocked.Increment(ref next))
            {
                var token = tokens[i % tokens.Length];
                var (path, body) = (i / appIds.Count) % 2 == 0
                    ? ("wxa/get_effective_domain", "{}")
                    : ("wxa/setwebviewdomain", "{\"action\":\"set\",\"webviewdomain\":[\"https://shop.example.com\"]}");
                using var content = new StringContent(body, Encoding.UTF8, "application/json");
                using var response = await http.PostAsync(new Uri($"{path}?access_token={token}", UriKind.Relative), content);
                response.EnsureSuccessStatusCode();
                await response.Content.ReadAsByteArrayAsync();
            }
        });
        await Task.WhenAll(loops);
        return calls / TimeProvider.System.GetElapsedTime(started).TotalSeconds;
    }
}
