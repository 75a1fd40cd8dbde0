using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace WeChatDomains.Bench.Scenarios.StorageCost;

/// <summary>
/// Azurite's cost per Table operation on one table of <c>rows</c> entities of about 500 bytes, ten per partition. Reads,
/// replaces and queries leave the size alone; inserts and transactions (each adds one entity) run in rounds of a tenth
/// of the table whose new entities are deleted, untimed, after each round, so the table stays within 10 % of its size.
/// </summary>
internal sealed class TableCosts(TableClient table, int rows, int azuritePid, bool quiet = false)
{
    private const int RowsPerPartition = 10;
    private static readonly string Payload = new('x', 440);

    private int Partitions => rows / RowsPerPartition;

    public async Task RunAsync(int concurrency, TimeSpan budgetPerOperation)
    {
        await table.CreateIfNotExistsAsync();
        await FillAsync();
        var size = rows.ToString("N0", CultureInfo.InvariantCulture);

        await MeasureAsync($"table point read ({size} rows)", concurrency, budgetPerOperation, async i =>
        {
            var (pk, rk) = Existing(i);
            await table.GetEntityAsync<TableEntity>(pk, rk);
        });
        await MeasureAsync($"table upsert, replace ({size} rows)", concurrency, budgetPerOperation, async i =>
        {
            var (pk, rk) = Existing(i);
            await table.UpsertEntityAsync(Entity(pk, rk), TableUpdateMode.Replace);
        });
        await MeasureAsync($"table query PartitionKey eq, {RowsPerPartition} rows back ({size} rows)", concurrency, budgetPerOperation, async i =>
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {PartitionOf(i)}")))
            {
            }
        });
        await MeasureAsync($"table insert ({size} rows)", concurrency, budgetPerOperation, async i =>
            await table.AddEntityAsync(Entity(PartitionOf(i), New(i))), cleanUp: true);
        await MeasureAsync($"table transaction, add + update in one partition ({size} rows)", concurrency, budgetPerOperation, async i =>
        {
            var (pk, rk) = Existing(i);
            await table.SubmitTransactionAsync(
            [
                new TableTransactionAction(TableTransactionActionType.Add, Entity(pk, New(i))),
                new TableTransactionAction(TableTransactionActionType.UpdateReplace, Entity(pk, rk), ETag.All),
            ]);
        }, cleanUp: true);
        await table.DeleteAsync();
    }

    private static string RowOf(int r) => "r" + r.ToString("D6", CultureInfo.InvariantCulture);

    private static string New(long i) => "n" + i.ToString("D8", CultureInfo.InvariantCulture);

    private static TableEntity Entity(string pk, string rk) =>
        new(pk, rk) { ["State"] = "Succeeded", ["Attempts"] = 1, ["Payload"] = Payload };

    private string PartitionOf(long i) => "p" + (i * 7919 % Partitions).ToString("D5", CultureInfo.InvariantCulture);

    /// <summary>A spread of existing entities: index i maps to a pseudo-random one.</summary>
    private (string Pk, string Rk) Existing(long i) => (PartitionOf(i), RowOf((int)(i * 104_729 % RowsPerPartition)));

    private async Task FillAsync()
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, Partitions), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (p, token) =>
        {
            var pk = "p" + p.ToString("D5", CultureInfo.InvariantCulture);
            await table.SubmitTransactionAsync(Enumerable.Range(0, RowsPerPartition)
                .Select(r => new TableTransactionAction(TableTransactionActionType.Add, Entity(pk, RowOf(r)))), token);
        });
    }

    private async Task MeasureAsync(string what, int concurrency, TimeSpan budget, Func<long, Task> operation, bool cleanUp = false)
    {
        var tally = new CostTally(azuritePid);
        var round = cleanUp ? Math.Max(concurrency, rows / 10) : concurrency * 20;
        do
        {
            var first = tally.Operations;
            await tally.RunAsync(round, concurrency, operation);
            if (cleanUp)
            {
                await Parallel.ForEachAsync(Enumerable.Range(0, round), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, token) =>
                    await table.DeleteEntityAsync(PartitionOf(first + i), New(first + i), cancellationToken: token));
            }
        }
        while (tally.Wall < budget);
        if (!quiet)
        {
            tally.Print(what);
        }
    }
}
