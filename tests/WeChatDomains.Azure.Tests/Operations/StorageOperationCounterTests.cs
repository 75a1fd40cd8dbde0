using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using WeChatDomains.Azure.Faults;
using WeChatDomains.Azure.Operations;
using WeChatDomains.Core.Diagnostics;
using WeChatDomains.Testing;

namespace WeChatDomains.Azure.Tests.Operations;

[Collection(AzuriteCollection.Name)]
public sealed class StorageOperationCounterTests(AzuriteFixture azurite)
{
    [Fact]
    public void Policies_ByDefault_HaveNoCounter()
    {
        using var policies = new StorageClientPolicies(Options.Create(new StorageFaultOptions()), Options.Create(new StorageOperationOptions()));

        Assert.Null(policies.Counter);
    }

    [Fact]
    public async Task TableClient_EachKindOfOperation_IsCountedOnceByTableAndPartition()
    {
        using var policies = CreateSut();
        var (table, name) = await CreateTableAsync(policies);
        policies.Counter!.Reset();

        await table.AddEntityAsync(new TableEntity("p|1", "a") { ["V"] = 1 });
        await table.GetEntityAsync<TableEntity>("p|1", "a");
        await table.UpsertEntityAsync(new TableEntity("p|1", "a") { ["V"] = 2 }, TableUpdateMode.Replace);
        await table.UpdateEntityAsync(new TableEntity("p|1", "a") { ["W"] = 3 }, ETag.All, TableUpdateMode.Merge);
        await table.QueryAsync<TableEntity>(e => e.PartitionKey == "p|2").ToListAsync();
        await table.SubmitTransactionAsync([new TableTransactionAction(TableTransactionActionType.Add, new TableEntity("p|3", "x")),
            new TableTransactionAction(TableTransactionActionType.UpsertReplace, new TableEntity("p|3", "y"))]);
        await table.DeleteEntityAsync("p|1", "a");

        var counts = Counts(policies.Counter);
        Assert.Equal(
            [
                $"other {name} p|1 Delete 1",
                $"other {name} p|1 Insert 1",
                $"other {name} p|1 Merge 1",
                $"other {name} p|1 PointRead 1",
                $"other {name} p|1 Update 1",
                $"other {name} p|2 Query 1",
                $"other {name} p|3 Batch 1",
            ],
            counts);
    }

    [Fact]
    public async Task TableClient_InsideAStep_CountsUnderThatStepAndTheOuterStepComesBack()
    {
        using var policies = CreateSut();
        var (table, name) = await CreateTableAsync(policies);
        policies.Counter!.Reset();

        using (StorageStep.Enter(StorageSteps.Processing))
        {
            using (StorageStep.Enter(StorageSteps.Claim))
            {
                await table.AddEntityAsync(new TableEntity("c", "1"));
            }

            await table.GetEntityAsync<TableEntity>("c", "1");
        }

        await Task.Run(() => table.GetEntityAsync<TableEntity>("c", "1"));

        Assert.Equal([$"claim {name} c Insert 1", $"other {name} c PointRead 1", $"processing {name} c PointRead 1"], Counts(policies.Counter));
    }

    [Fact]
    public async Task Snapshot_BusiestPartitions_AreTheMostUsedTablePartitionsWithTheirWrites()
    {
        using var policies = CreateSut();
        var (table, name) = await CreateTableAsync(policies);
        policies.Counter!.Reset();

        for (var i = 0; i < 3; i++)
        {
            await table.UpsertEntityAsync(new TableEntity("hot", $"r{i}"));
        }

        await table.GetEntityAsync<TableEntity>("hot", "r0");
        await table.UpsertEntityAsync(new TableEntity("cold", "r"));

        var snapshot = policies.Counter.Snapshot();
        Assert.Equal(5, snapshot.TableOperations);
        Assert.Equal(4, snapshot.TableWrites);
        Assert.Equal(2, snapshot.Partitions);
        Assert.Equal(new StoragePartitionCount(name, "hot", 4), snapshot.Busiest[0]);
        Assert.Equal(new StoragePartitionCount(name, "hot", 3), snapshot.BusiestWrites[0]);
    }

    [Fact]
    public async Task QueueClient_SendReceiveUpdateDelete_AreCountedUnderTheQueueStepWhateverTheAmbientStep()
    {
        using var policies = CreateSut();
        var name = AzuriteFixture.UniqueName("q");
        var queue = new QueueClient(azurite.ConnectionString, name, policies.ApplyTo(new QueueClientOptions()));
        await queue.CreateIfNotExistsAsync();
        policies.Counter!.Reset();

        using (StorageStep.Enter(StorageSteps.Submission))
        {
            await queue.SendMessageAsync("one");
            await queue.SendMessageAsync("two");
        }

        var received = (await queue.ReceiveMessagesAsync(32)).Value;
        var updated = await queue.UpdateMessageAsync(received[0].MessageId, received[0].PopReceipt, visibilityTimeout: TimeSpan.Zero);
        await queue.DeleteMessageAsync(received[0].MessageId, updated.Value.PopReceipt);
        await queue.DeleteMessageAsync(received[1].MessageId, received[1].PopReceipt);
        await queue.PeekMessagesAsync();

        var snapshot = policies.Counter.Snapshot();
        Assert.Equal(
            [$"queue {name} QueueDelete 2", $"queue {name} QueuePeek 1", $"queue {name} QueueReceive 1", $"queue {name} QueueSend 2", $"queue {name} QueueUpdate 1"],
            snapshot.Steps.Select(s => $"{s.Step} {s.Table} {s.Kind} {s.Count}"));
        Assert.Equal(0, snapshot.TableOperations);
        Assert.Empty(snapshot.Busiest);
    }

    private static StorageClientPolicies CreateSut() =>
        new(Options.Create(new StorageFaultOptions()), Options.Create(new StorageOperationOptions { Count = true }));

    /// <summary>Counts by step, table, partition and kind, in order.</summary>
    private static List<string> Counts(StorageOperationCounter counter) =>
        [.. counter.Rows().Select(r => $"{r.Step} {r.Table} {r.Partition} {r.Kind} {r.Count}").Order(StringComparer.Ordinal)];

    private async Task<(TableClient Table, string Name)> CreateTableAsync(StorageClientPolicies policies)
    {
        var name = AzuriteFixture.UniqueName("ops");
        var table = new TableClient(azurite.ConnectionString, name, policies.ApplyTo(new TableClientOptions()));
        await table.CreateIfNotExistsAsync();
        return (table, name);
    }
}
