using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using WeChatDomains.Azure.Profiles;
using WeChatDomains.Azure.TableStorage;
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
        Assert.NotNull(updated);
        Assert.Equal(RolloutItemState.Unchanged, (await ReadAsync(CreateSut(), "r-old")).Single(i => i.Index == 3).State);
        Assert.False((await Table().GetEntityAsync<TableEntity>("r-old", "header")).Value.ContainsKey("ItemShards"), "the old header was given the new layout");
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
