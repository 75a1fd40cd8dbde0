using Azure.Data.Tables;
using Azure.Storage.Queues;
using WeChatDomains.Bench.Infra;
using WeChatDomains.Bench.Scenarios.StorageCost;

namespace WeChatDomains.Bench.Scenarios;

/// <summary>
/// What Azurite itself costs per Table and Queue operation, at concurrency 32: its CPU time per operation (read from
/// <c>/proc</c> of its process) and the operations per second, for tables of about 1,000 and 10,000 entities and queues
/// with 500 and 5,000 messages waiting. Azurite keeps everything in LokiJS collections and some of its operations scan
/// them (the Queue service scans every message of the account on a send, receive or delete), so these figures say which
/// of the other scenarios' costs are the emulator's and would not be paid against real Azure Storage. Azurite's own
/// periodic work (its queue extent GC runs every minute) lands in whichever figure is being measured at the time.
/// </summary>
internal static class StorageCostScenario
{
    private const int Concurrency = 32;
    private static readonly int[] TableSizes = [1_000, 10_000];
    private static readonly int[] QueueDepths = [500, 5_000];
    private static readonly TimeSpan TableBudget = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan QueueBudget = TimeSpan.FromSeconds(6);

    public static async Task RunAsync()
    {
        await using var azurite = await AzuriteServer.StartAsync();
        var started = TimeProvider.System.GetTimestamp();
        Figures.Print($"storage: Azurite's cost per operation, concurrency {Concurrency}, entities of ~500 bytes, messages of ~300 bytes");
        var tables = new TableServiceClient(azurite.ConnectionString);

        // One untimed round of every operation first, so neither this process's JIT nor Azurite's warm-up lands in a figure.
        await new TableCosts(tables.GetTableClient("warmup"), 200, azurite.ProcessId, quiet: true).RunAsync(Concurrency, TimeSpan.Zero);
        await new QueueCosts(new QueueClient(azurite.ConnectionString, "warmup"), 200, azurite.ProcessId, quiet: true).RunAsync(Concurrency, TimeSpan.Zero);
        foreach (var rows in TableSizes)
        {
            await new TableCosts(tables.GetTableClient($"cost{rows}"), rows, azurite.ProcessId).RunAsync(Concurrency, TableBudget);
        }

        foreach (var depth in QueueDepths)
        {
            await new QueueCosts(new QueueClient(azurite.ConnectionString, $"cost{depth}"), depth, azurite.ProcessId).RunAsync(Concurrency, QueueBudget);
        }

        Figures.Print($"  (run time {Figures.F(TimeProvider.System.GetElapsedTime(started).TotalSeconds)} s)");
    }
}
