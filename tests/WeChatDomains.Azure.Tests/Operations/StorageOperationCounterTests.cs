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

    [Fact]
    public void Rows_MorePartitionsThanKept_Issue16_FoldTheRestIntoOneRowPerStepTableAndKind()
    {
        var counter = new StorageOperationCounter();
        var partitions = StorageOperationConstants.PartitionsKept * 3;

        for (var i = 0; i < partitions; i++)
        {
            counter.Add(StorageSteps.Claim, new StorageOperation("commands", $"c-{i}", StorageOperationKind.Update));
        }

        var rows = counter.Rows();
        Assert.Equal(StorageOperationConstants.PartitionsKept + 1, rows.Count);
        Assert.Equal(partitions - StorageOperationConstants.PartitionsKept, rows.Single(r => r.Partition == StorageOperationConstants.FoldedPartition).Count);
        var snapshot = counter.Snapshot();
        Assert.True(snapshot.Estimated);
        Assert.Equal(partitions, snapshot.TableWrites);
        Assert.Equal(new StorageStepCount(StorageSteps.Claim, "commands", nameof(StorageOperationKind.Update), partitions), snapshot.Steps.Single());
    }

    [Fact]
    public void Snapshot_HotPartitionFirstSeenAfterTheKeptAreFull_Issue16_BusiestWithItsShare()
    {
        var counter = new StorageOperationCounter();
        var hot = 0;
        for (var i = 0; i < StorageOperationConstants.PartitionsKept * 5; i++)
        {
            counter.Add(StorageSteps.Processing, new StorageOperation("commands", $"c-{i}", StorageOperationKind.PointRead));
            counter.Add(StorageSteps.Final, new StorageOperation("commands", $"c-{i}", StorageOperationKind.Batch));
            if (i > StorageOperationConstants.PartitionsKept * 2 && i % 4 == 0)
            {
                counter.Add(StorageSteps.Other, new StorageOperation("rollouts", "items", StorageOperationKind.Merge));
                hot++;
            }
        }

        var snapshot = counter.Snapshot();
        AssertShare(hot, snapshot.TableOperations, snapshot.Busiest[0]);
        AssertShare(hot, snapshot.TableWrites, snapshot.BusiestWrites[0]);

        static void AssertShare(long expected, long total, StoragePartitionCount busiest)
        {
            Assert.Equal(("rollouts", "items"), (busiest.Table, busiest.Partition));
            Assert.InRange(100.0 * busiest.Count / total, 100.0 * expected / total, (100.0 * expected / total) + 0.05);
        }
    }

    [Fact]
    public void Snapshot_AsManyPartitionsAsKept_CountedExactly()
    {
        var counter = new StorageOperationCounter();

        for (var i = 0; i < StorageOperationConstants.PartitionsKept; i++)
        {
            counter.Add(StorageSteps.Other, new StorageOperation("commands", $"c-{i}", StorageOperationKind.Insert));
        }

        var snapshot = counter.Snapshot();
        Assert.False(snapshot.Estimated);
        Assert.Equal(StorageOperationConstants.PartitionsKept, snapshot.Partitions);
    }

    [Theory]
    [InlineData(15_000)]
    [InlineData(100_000)]
    public void Snapshot_MorePartitionsThanKept_Issue16_DistinctPartitionsEstimatedWithin8Percent(int partitions)
    {
        var counter = new StorageOperationCounter();

        for (var i = 0; i < partitions; i++)
        {
            counter.Add(StorageSteps.Other, new StorageOperation("commands", $"c-{i}", StorageOperationKind.Insert));
            counter.Add(StorageSteps.Other, new StorageOperation("commandindex", $"c-{i}", StorageOperationKind.Insert));
        }

        Assert.InRange(counter.Snapshot().Partitions, partitions * 2 * 0.92, partitions * 2 * 1.08);
    }

    [Fact]
    public void Reset_AfterTheKeptAreFull_CountsExactlyAgain()
    {
        var counter = new StorageOperationCounter();
        for (var i = 0; i <= StorageOperationConstants.PartitionsKept; i++)
        {
            counter.Add(StorageSteps.Other, new StorageOperation("commands", $"c-{i}", StorageOperationKind.Insert));
        }

        counter.Reset();
        counter.Add(StorageSteps.Other, new StorageOperation("commands", "c-0", StorageOperationKind.Insert));

        var snapshot = counter.Snapshot();
        Assert.False(snapshot.Estimated);
        Assert.Equal(1, snapshot.Partitions);
        Assert.Equal(new StoragePartitionCount("commands", "c-0", 1), snapshot.Busiest.Single());
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
