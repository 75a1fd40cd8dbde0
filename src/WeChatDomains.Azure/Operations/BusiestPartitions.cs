using System.Runtime.InteropServices;

namespace WeChatDomains.Azure.Operations;

/// <summary>
/// Counts per table partition in at most <c>capacity</c> entries, a batch form of the Space-Saving heavy-hitter count:
/// exact while the partitions fit; once full, the half with the lowest counts is dropped and <see cref="Floor"/> rises to
/// the highest count dropped, and a partition seen after that starts from the floor. So every count is an upper bound,
/// over by at most <see cref="Floor"/>, and a partition that outgrows the floor is never dropped. Not thread-safe.
/// </summary>
internal sealed class BusiestPartitions(int capacity)
{
    private readonly Dictionary<(string Table, string Partition), long> _counts = [];

    /// <summary>The most a kept count can exceed the true one: 0 until a partition has been dropped.</summary>
    public long Floor { get; private set; }

    /// <summary>Partitions counted now (at most the capacity).</summary>
    public int Count => _counts.Count;

    /// <summary>Counts one operation on <paramref name="partition"/> of <paramref name="table"/>.</summary>
    public void Add(string table, string partition)
    {
        if (_counts.Count >= capacity && !_counts.ContainsKey((table, partition)))
        {
            DropLowerHalf();
        }

        ref var count = ref CollectionsMarshal.GetValueRefOrAddDefault(_counts, (table, partition), out var exists);
        count = (exists ? count : Floor) + 1;
    }

    /// <summary>The <paramref name="listed"/> highest counts, most first (ties by table, then partition).</summary>
    public List<StoragePartitionCount> Top(int listed) => [.. _counts
        .Select(p => new StoragePartitionCount(p.Key.Table, p.Key.Partition, p.Value))
        .OrderByDescending(p => p.Count).ThenBy(p => p.Table, StringComparer.Ordinal).ThenBy(p => p.Partition, StringComparer.Ordinal)
        .Take(listed)];

    /// <summary>Forgets every count and the floor.</summary>
    public void Clear()
    {
        _counts.Clear();
        Floor = 0;
    }

    private void DropLowerHalf()
    {
        var counts = _counts.Values.ToArray();
        Array.Sort(counts);
        var median = counts[counts.Length / 2];
        foreach (var (key, count) in _counts)
        {
            if (count <= median)
            {
                _counts.Remove(key);
            }
        }

        Floor = median;
    }
}
