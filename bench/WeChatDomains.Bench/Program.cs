using WeChatDomains.Bench.Cli;
using WeChatDomains.Bench.Infra;
using WeChatDomains.Bench.Scenarios;
using WeChatDomains.Bench.Scenarios.Sweep;

namespace WeChatDomains.Bench;

/// <summary>
/// <c>dotnet run -c Release --project bench/WeChatDomains.Bench -- &lt;scenario&gt; [--option value ...]</c>; see docs/performance.md
/// and docs/reliability.md.
/// </summary>
internal static class BenchProgram
{
    private const string Usage = """
        usage: WeChatDomains.Bench <scenario> [options]
          throughput  --commands 5000 --latency-ms 50 --concurrency 32 --authorizers 500 --window 256 --in-flight 128
                      (concurrency: WeChat calls at once; in-flight: commands in the Host's intake, default 4 x concurrency)
                      (window: most commands submitted ahead of the sandbox; default 8 x concurrency, 0 = one burst)
          sweep       --authorizers 10000 --latency-ms 50 --hours 24
          fleet       --authorizers 10000 --match-every 10 --latency-ms 50 --concurrency 32 --step-ms 1000 --count-ops 1
                      (N authorizers on profile v1 move to v2 through the Host; every match-every-th already holds v2)
          memory      (throughput and sweep at their defaults; peak memory of each)
          storage     (Azurite's CPU per table and queue operation at concurrency 32, by table size and queue depth)
          overhead    --commands 5000 --concurrency 32
          drill-faults   --commands 2000 --fault-rate 0.3
          drill-kill     --commands 1000 --kills 5
          drill-azurite  --commands 1000 --restarts 2
          drill-storage  --commands 2000 --storage-rate 0.1 --fault-rate 0.3
          drill-outage   --commands 1000 --outage-seconds 60
          drill-corpus
          drill-tokens   --authorizers 1000 --vault-fault-rate 0.2 --kills 3
        """;

    private static readonly TimeSpan DrillLimit = TimeSpan.FromMinutes(20);

    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0)
        {
            Console.Error.WriteLine(Usage);
            return 2;
        }

        var options = new BenchArgs(args.Skip(1));
        Figures.Print(MachineInfo.Describe());
        switch (args[0])
        {
            case "throughput":
                var commands = options.Int("commands", 5000);
                var concurrency = options.Int("concurrency", 32);
                ThroughputScenario.Print(await ThroughputScenario.RunAsync(
                    commands, options.Int("latency-ms", 50), concurrency, options.Int("authorizers", Math.Max(1, commands / 10)),
                    options.Int("window", ThroughputScenario.DefaultWindowPerConcurrency * concurrency),
                    options.Int("in-flight", ThroughputScenario.DefaultInFlightPerConcurrency * concurrency)));
                return 0;
            case "sweep":
                SweepScenario.Print(await SweepScenario.RunAsync(options.Int("authorizers", 10_000), options.Int("latency-ms", 50), options.Double("hours", 24)));
                return 0;
            case "fleet":
                return await Scenarios.Fleet.FleetScenario.RunAsync(new Scenarios.Fleet.FleetSettings(
                    options.Int("authorizers", 10_000), options.Int("match-every", 10), options.Int("latency-ms", 50), options.Int("concurrency", 32),
                    TimeSpan.FromMilliseconds(options.Int("step-ms", 1000)), options.Int("count-ops", 1) != 0));
            case "storage":
                await StorageCostScenario.RunAsync();
                return 0;
            case "overhead":
                OverheadScenario.Print(await OverheadScenario.RunAsync(options.Int("commands", 5000), options.Int("concurrency", 32)));
                return 0;
            case "memory":
                var throughput = await ThroughputScenario.RunAsync(
                    options.Int("commands", 5000), 50, 32, options.Int("commands", 5000) / 10, ThroughputScenario.DefaultWindowPerConcurrency * 32);
                var sweep = await SweepScenario.RunAsync(10_000, 50, 24);
                ThroughputScenario.Print(throughput);
                SweepScenario.Print(sweep);
                Figures.Print($"memory: Host peak RSS under throughput {Figures.F(throughput.HostPeakRssMiB)} MiB; sweep process peak RSS (10,000 authorizers, 24 h) {Figures.F(sweep.PeakRssMiB)} MiB");
                return 0;
            case "drill-faults":
                (await Drills.DrillRunner.FaultsAsync(options.Int("commands", 2000), options.Double("fault-rate", 0.3), DrillLimit)).Print();
                return 0;
            case "drill-kill":
                (await Drills.DrillRunner.KillAsync(options.Int("commands", 1000), options.Int("kills", 5), DrillLimit)).Print();
                return 0;
            case "drill-azurite":
                (await Drills.DrillRunner.AzuriteAsync(options.Int("commands", 1000), options.Int("restarts", 2), DrillLimit)).Print();
                return 0;
            case "drill-storage":
                (await Drills.DrillRunner.StorageFaultsAsync(options.Int("commands", 2000), options.Double("storage-rate", 0.1), options.Double("fault-rate", 0.3), DrillLimit)).Print();
                return 0;
            case "drill-outage":
                (await Drills.DrillRunner.OutageAsync(options.Int("commands", 1000), TimeSpan.FromSeconds(options.Int("outage-seconds", 60)), DrillLimit)).Print();
                return 0;
            case "drill-tokens":
                (await Drills.TokenDrill.RunAsync(options.Int("authorizers", 1000), options.Double("vault-fault-rate", 0.2), options.Int("kills", 3), DrillLimit)).Print();
                return 0;
            case "drill-corpus":
                (await Drills.CorpusDrill.RunAsync(DrillLimit)).Print();
                return 0;
            default:
                Console.Error.WriteLine(Usage);
                return 2;
        }
    }
}
