using System.Collections.Concurrent;

namespace WeChatDomains.Azure.Operations;

/// <summary>
/// The storage operations of this process by step, table, partition and kind, counted by
/// <see cref="StorageOperationPolicy"/> when <see cref="StorageOperationOptions.Count"/> is on (bench and tests only).
/// Thread-safe; <see cref="Snapshot"/> sums them, <see cref="Reset"/> starts again from zero.
/// </summary>
public sealed class StorageOperationCounter
{
    private readonly ConcurrentDictionary<Key, Tally> _counts = new();

    /// <summary>Counts one operation of <paramref name="step"/>.</summary>
    public void Add(string step, StorageOperation operation)
    {
        ArgumentNullException.ThrowIfNull(step);
        var tally = _counts.GetOrAdd(new Key(step, operation.Table, operation.Partition, operation.Kind), static _ => new Tally());
        Interlocked.Increment(ref tally.Value);
    }

    /// <summary>Every count by step, table, partition and kind (one row per partition: for tests, not for a fleet).</summary>
    public IReadOnlyList<StorageOperationRow> Rows() =>
        [.. _counts.Select(p => new StorageOperationRow(p.Key.Step, p.Key.Table, p.Key.Partition, p.Key.Kind, Interlocked.Read(ref p.Value.Value)))];

    /// <summary>Forgets every count.</summary>
    public void Reset() => _counts.Clear();

    /// <summary>
    /// The counts so far: by step, table and kind; the number of table partitions touched; and the busiest table
    /// partitions by operations and by writes (queues are not partitions here: each queue has its own targets).
    /// </summary>
    public StorageOperationSnapshot Snapshot()
    {
        var rows = _counts.Select(p => (p.Key, Count: Interlocked.Read(ref p.Value.Value))).ToList();
        var steps = rows
            .GroupBy(r => (r.Key.Step, r.Key.Table, r.Key.Kind))
            .Select(g => new StorageStepCount(g.Key.Step, g.Key.Table, g.Key.Kind.ToString(), g.Sum(r => r.Count)))
            .OrderBy(s => s.Step, StringComparer.Ordinal).ThenBy(s => s.Table, StringComparer.Ordinal).ThenBy(s => s.Kind, StringComparer.Ordinal)
            .ToList();
        var tables = rows.Where(r => !r.Key.Kind.IsQueue()).ToList();
        var partitions = Busiest(tables);
        var writes = Busiest(tables.Where(r => r.Key.Kind.IsWrite()));
        return new StorageOperationSnapshot(
            rows.Sum(r => r.Count),
            tables.Sum(r => r.Count),
            tables.Where(r => r.Key.Kind.IsWrite()).Sum(r => r.Count),
            tables.Select(r => (r.Key.Table, r.Key.Partition)).Distinct().Count(),
            steps,
            partitions,
            writes);
    }

    private static List<StoragePartitionCount> Busiest(IEnumerable<(Key Key, long Count)> rows) => [.. rows
        .GroupBy(r => (r.Key.Table, r.Key.Partition))
        .Select(g => new StoragePartitionCount(g.Key.Table, g.Key.Partition, g.Sum(r => r.Count)))
        .OrderByDescending(p => p.Count).ThenBy(p => p.Table, StringComparer.Ordinal).ThenBy(p => p.Partition, StringComparer.Ordinal)
        .Take(StorageOperationConstants.BusiestListed)];

    private readonly record struct Key(string Step, string Table, string Partition, StorageOperationKind Kind);

    private sealed class Tally
    {
        public long Value;
    }
}

/// <summary>What <see cref="StorageOperationCounter.Snapshot"/> returns (and the self-host's diagnostics route writes as JSON).</summary>
/// <param name="Total">Every operation, queues included.</param>
/// <param name="TableOperations">Table operations only.</param>
/// <param name="TableWrites">Table writes only (inserts, updates, merges, deletes, transactions).</param>
/// <param name="Partitions">Distinct table partitions touched.</param>
/// <param name="Steps">Counts by step, table and kind.</param>
/// <param name="Busiest">The busiest table partitions by operations, most first.</param>
/// <param name="BusiestWrites">The busiest table partitions by writes, most first.</param>
public sealed record StorageOperationSnapshot(
    long Total,
    long TableOperations,
    long TableWrites,
    int Partitions,
    IReadOnlyList<StorageStepCount> Steps,
    IReadOnlyList<StoragePartitionCount> Busiest,
    IReadOnlyList<StoragePartitionCount> BusiestWrites);

/// <summary>Operations of one step on one partition of one table (or queue) of one kind.</summary>
public sealed record StorageOperationRow(string Step, string Table, string Partition, StorageOperationKind Kind, long Count);

/// <summary>Operations of one step on one table (or queue) of one kind.</summary>
public sealed record StorageStepCount(string Step, string Table, string Kind, long Count);

/// <summary>Operations on one table partition.</summary>
public sealed record StoragePartitionCount(string Table, string Partition, long Count);
