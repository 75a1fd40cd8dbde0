using WeChatDomains.Azure.Operations;

namespace WeChatDomains.Azure.Tests.Operations;

public sealed class BusiestPartitionsTests
{
    private const int Capacity = 100;

    private static BusiestPartitions CreateSut() => new(Capacity);

    [Fact]
    public void Add_FewerPartitionsThanCapacity_CountsExactly()
    {
        var sut = CreateSut();

        Add(sut, "a", 3);
        Add(sut, "b", 1);

        Assert.Equal([new StoragePartitionCount("t", "a", 3), new StoragePartitionCount("t", "b", 1)], sut.Top(10));
        Assert.Equal(0, sut.Floor);
    }

    [Fact]
    public void Add_ManyMorePartitionsThanCapacity_Issue16_KeepsAtMostCapacityAndCountsAreUpperBoundsWithinTheFloor()
    {
        var sut = CreateSut();
        var truth = new Dictionary<string, long>(StringComparer.Ordinal);

        const int Operations = Capacity * 50;
        for (var i = 0; i < Operations; i++)
        {
            var partition = i % 3 == 0 ? $"warm-{i % 7}" : $"cold-{i}";
            Add(sut, partition, 1);
            truth[partition] = truth.GetValueOrDefault(partition) + 1;
            Assert.InRange(sut.Count, 1, Capacity);
        }

        Assert.InRange(sut.Floor, 1, 2 * Operations / Capacity);
        foreach (var kept in sut.Top(Capacity))
        {
            Assert.InRange(kept.Count, truth[kept.Partition], truth[kept.Partition] + sut.Floor);
        }

        Assert.Equal(Enumerable.Range(0, 7).Select(w => $"warm-{w}").Order(StringComparer.Ordinal), sut.Top(7).Select(p => p.Partition).Order(StringComparer.Ordinal));
    }

    private static void Add(BusiestPartitions sut, string partition, int times)
    {
        for (var i = 0; i < times; i++)
        {
            sut.Add("t", partition);
        }
    }
}
