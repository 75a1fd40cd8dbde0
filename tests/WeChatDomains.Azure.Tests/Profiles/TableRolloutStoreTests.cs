using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using WeChatDomains.Azure.Profiles;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Profiles;
using WeChatDomains.Core.Profiles.Rollouts;
using WeChatDomains.Testing;

namespace WeChatDomains.Azure.Tests.Profiles;

/// <summary>
/// A rollout's items spread over <see cref="TableRolloutStore.ItemShards"/> partitions (issue 16: one partition took
/// 14 % of a fleet rollout's writes); a rollout stored before keeps its items in its own partition and still works.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TableRolloutStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
    private readonly string _prefix = AzuriteFixture.UniqueName("t");

    [Fact]
    public async Task Items_OfANewRollout_SpreadOverTheShardsAndReadBackWhole()
    {
        var sut = CreateSut();
        var items = Enumerable.Range(0, 250).Select(Item).ToList();

        await sut.AddItemsAsync("r-new", items);
        await sut.CreateAsync(Header("r-new"));

        var partitions = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var row in Table().QueryAsync<TableEntity>(e => e.RowKey.CompareTo("item|") >= 0 && e.RowKey.CompareTo("item}") < 0, select: ["PartitionKey"]))
        {
            partitions[row.PartitionKey] = partitions.GetValueOrDefault(row.PartitionKey) + 1;
        }

        var read = await ReadAsync(CreateSut(), "r-new");
        Assert.True(partitions.Count == TableRolloutStore.ItemShards && partitions.Values.Max() <= 16, $"items by partition: {string.Join(", ", partitions.Select(p => $"{p.Key}={p.Value}"))}");
        Assert.Equal(Enumerable.Range(0, 250), read.Select(i => i.Index).Order());
    }

    [Fact]
    public async Task TryUpdateItemAsync_NewRollout_WritesByETagInTheItemsShard()
    {
        var sut = CreateSut();
        await sut.AddItemsAsync("r-up", Enumerable.Range(0, 40).Select(Item).ToList());
        await sut.CreateAsync(Header("r-up"));
        var other = CreateSut();
        var item = (await ReadAsync(other, "r-up")).Single(i => i.Index == 37);

        var updated = await other.TryUpdateItemAsync("r-up", item with { State = RolloutItemState.Succeeded });
        var stale = await other.TryUpdateItemAsync("r-up", item with { State = RolloutItemState.Failed });

        Assert.NotNull(updated);
        Assert.Null(stale);
        Assert.Equal(RolloutItemState.Succeeded, (await ReadAsync(CreateSut(), "r-up")).Single(i => i.Index == 37).State);
    }

    [Fact]
    public async Task Items_OfARolloutStoredBeforeTheSpread_ReadAndWrittenInItsOwnPartition()
    {
        await Table().CreateIfNotExistsAsync();
        await Table().AddEntityAsync(JsonDocumentTable.ToEntity("r-old", "header", Header("r-old")));
        foreach (var item in Enumerable.Range(0, 5).Select(Item))
        {
            await Table().AddEntityAsync(JsonDocumentTable.ToEntity("r-old", $"item|{item.Index:D7}", item));
        }

        var sut = CreateSut();
        var read = await ReadAsync(sut, "r-old");
        var updated = await sut.TryUpdateItemAsync("r-old", read.Single(i => i.Index == 3) with { State = RolloutItemState.Unchanged });
        var header = (await sut.GetAsync("r-old"))!;
        Assert.NotNull(await sut.TryUpdateAsync(header with { Wave = 1 }));

        Assert.Equal([0, 1, 2, 3, 4], read.Select(i => i.Index).Order());
        Assert.All(await ReadStepAsync(CreateSut(), "r-old", workBefore: 0), i => Assert.Equal($"wx{i.Index:D16}", i.AppId));
        Assert.NotNull(updated);
        Assert.Equal(RolloutItemState.Unchanged, (await ReadAsync(CreateSut(), "r-old")).Single(i => i.Index == 3).State);
        Assert.False((await Table().GetEntityAsync<TableEntity>("r-old", "header")).Value.ContainsKey("ItemShards"), "the old header was given the new layout");
    }

    /// <summary>
    /// Issue 16: a step of a 100,000-authorizer rollout read every item whole (its document, its commands) about every
    /// second, most of them ended or past the wave. A step now reads whole only the items it can act on; the others come
    /// as summaries with what the tally needs.
    /// </summary>
    [Fact]
    public async Task ReadStepItemsAsync_WholeWhereTheStepActs_SummariesElsewhere()
    {
        var sut = CreateSut();
        RolloutItemState[] states =
        [
            RolloutItemState.Succeeded, RolloutItemState.Failed, RolloutItemState.Succeeded, RolloutItemState.Unchanged,
            RolloutItemState.Running, RolloutItemState.Running, RolloutItemState.Deferred, RolloutItemState.Pending,
            RolloutItemState.Pending, RolloutItemState.Pending, RolloutItemState.Pending, RolloutItemState.Unchanged,
        ];
        var items = states.Select((state, i) => Item(i) with
        {
            State = state,
            ErrorCode = state == RolloutItemState.Failed ? 85015 : null,
            Commands = [new PlannedCommand("modify_domain", new System.Text.Json.Nodes.JsonObject { ["action"] = "set" }, true)],
        }).ToList();
        await sut.AddItemsAsync("r-step", items);
        await sut.CreateAsync(Header("r-step"));

        var read = await ReadStepAsync(CreateSut(), "r-step", workBefore: 9);
        var everyPending = await ReadStepAsync(CreateSut(), "r-step", workBefore: int.MaxValue);

        string Shape(RolloutItem i) => $"{i.Index}:{i.State}:{(i.AppId.Length > 0 && i.Commands.Count == 1 ? "whole" : "summary")}:{i.ErrorCode}";
        Assert.Equal(
            ["0:Succeeded:summary:", "1:Failed:summary:85015", "2:Succeeded:summary:", "3:Unchanged:summary:", "4:Running:whole:", "5:Running:whole:",
             "6:Deferred:whole:", "7:Pending:whole:", "8:Pending:whole:", "9:Pending:summary:", "10:Pending:summary:", "11:Unchanged:summary:"],
            read.OrderBy(i => i.Index).Select(Shape));
        Assert.Equal([7, 8, 9, 10], everyPending.Where(i => i.State == RolloutItemState.Pending && i.AppId.Length > 0).Select(i => i.Index).Order());
        var summary = read.Single(i => i.Index == 0);
        await Assert.ThrowsAsync<ArgumentException>(() => sut.TryUpdateItemAsync("r-step", summary with { State = RolloutItemState.Failed }));
    }

    [Fact]
    public async Task ReadStepItemsAsync_ItemWrittenByAStep_MovesBetweenWholeAndSummary()
    {
        var sut = CreateSut();
        await sut.AddItemsAsync("r-move", Enumerable.Range(0, 3).Select(Item).ToList());
        await sut.CreateAsync(Header("r-move"));
        var pending = (await ReadStepAsync(sut, "r-move", workBefore: 3)).Single(i => i.Index == 1);

        var running = await sut.TryUpdateItemAsync("r-move", pending with { State = RolloutItemState.Running, CommandIds = ["c-1"] });
        var whileRunning = (await ReadStepAsync(CreateSut(), "r-move", workBefore: 0)).Single(i => i.Index == 1);
        await sut.TryUpdateItemAsync("r-move", running! with { State = RolloutItemState.Failed, ErrorCode = 61004 });
        var afterwards = (await ReadStepAsync(CreateSut(), "r-move", workBefore: 3)).Single(i => i.Index == 1);

        Assert.Equal((RolloutItemState.Running, "c-1"), (whileRunning.State, Assert.Single(whileRunning.CommandIds)));
        Assert.Equal((RolloutItemState.Failed, 61004, string.Empty), (afterwards.State, afterwards.ErrorCode, afterwards.AppId));
    }

    /// <summary>
    /// A step moves each whole item it is given before it asks for the next (Running to Succeeded, into the summaries'
    /// filter). Every item must still come exactly once: the first fleet run with summaries counted 10,796 of 10,000.
    /// </summary>
    [Fact]
    public async Task ReadStepItemsAsync_ItemsMovedAsTheyAreRead_EachComesOnce()
    {
        var sut = CreateSut();
        var states = new[] { RolloutItemState.Running, RolloutItemState.Succeeded, RolloutItemState.Pending, RolloutItemState.Unchanged };
        await sut.AddItemsAsync("r-once", Enumerable.Range(0, 64).Select(i => Item(i) with { State = states[i % states.Length] }).ToList());
        await sut.CreateAsync(Header("r-once"));

        var seen = new List<int>();
        await foreach (var item in CreateSut().ReadStepItemsAsync("r-once", workBefore: 64))
        {
            seen.Add(item.Index);
            if (item.AppId.Length > 0)
            {
                Assert.NotNull(await sut.TryUpdateItemAsync("r-once", item with { State = RolloutItemState.Succeeded }));
            }
        }

        var twice = seen.GroupBy(i => i).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(seen.Count == 64 && twice.Count == 0, $"{seen.Count} items read for 64; read twice: {string.Join(", ", twice)}");
    }

    private static async Task<List<RolloutItem>> ReadStepAsync(TableRolloutStore store, string rolloutId, int workBefore)
    {
        var items = new List<RolloutItem>();
        await foreach (var item in store.ReadStepItemsAsync(rolloutId, workBefore))
        {
            items.Add(item);
        }

        return items;
    }

    private static async Task<List<RolloutItem>> ReadAsync(TableRolloutStore store, string rolloutId)
    {
        var items = new List<RolloutItem>();
        await foreach (var item in store.ReadItemsAsync(rolloutId))
        {
            items.Add(item);
        }

        return items;
    }

    private static RolloutItem Item(int index) =>
        new(index, $"wx{index:D16}", RolloutItemState.Pending, [], 0, [], null, null);

    private static RolloutRecord Header(string id) =>
        new(id, "base", 2, new RolloutRequest(1, [50, 100], 0.01), RolloutState.Running, 0, true, 250, null, T0);

    private TableClient Table() => new TableServiceClient(azurite.ConnectionString).GetTableClient(_prefix + TableRolloutStore.RolloutTableName);

    private TableRolloutStore CreateSut() =>
        new(new TableServiceClient(azurite.ConnectionString), Options.Create(new TableStorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = _prefix }));
}
