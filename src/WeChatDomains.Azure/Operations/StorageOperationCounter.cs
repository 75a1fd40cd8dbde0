using System.Runtime.InteropServices;

namespace WeChatDomains.Azure.Operations;

/// <summary>
/// The storage operations of this process by step, table, partition and kind, counted by
/// <see cref="StorageOperationPolicy"/> when <see cref="StorageOperationOptions.Count"/> is on (bench and tests only).
/// Its memory is bounded whatever the fleet (issue 16): rows are exact for the first
/// <see cref="StorageOperationConstants.PartitionsKept"/>; after that a new partition's operations fold into one row per
/// step, table and kind (<see cref="StorageOperationConstants.FoldedPartition"/>), so totals by step, table and kind stay
/// exact while the busiest partitions (<see cref="BusiestPartitions"/>) and the number of partitions
/// (<see cref="DistinctPartitions"/>) become estimates. Thread-safe; <see cref="Snapshot"/> sums them,
/// <see cref="Reset"/> starts again from zero.
/// </summary>
public sealed class StorageOperationCounter
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Key, long> _rows = [];
    private readonly BusiestPartitions _operations = new(StorageOperationConstants.PartitionsKept);
    private readonly BusiestPartitions _writes = new(StorageOperationConstants.PartitionsKept);
    private readonly DistinctPartitions _partitions = new(StorageOperationConstants.PartitionsKept);
    private bool _folded;

    /// <summary>Counts one operation of <paramref name="step"/>.</summary>
    public void Add(string step, StorageOperation operation)
    {
        ArgumentNullException.ThrowIfNull(step);
        var key = new Key(step, operation.Table, operation.Partition, operation.Kind);
        lock (_lock)
        {
            if (_rows.Count >= StorageOperationConstants.PartitionsKept && !_rows.ContainsKey(key))
            {
                key = key with { Partition = StorageOperationConstants.FoldedPartition };
                _folded = true;
            }

            CollectionsMarshal.GetValueRefOrAddDefault(_rows, key, out _)++;
            if (operation.Kind.IsQueue())
            {
                return;
            }

            _operations.Add(operation.Table, operation.Partition);
            _partitions.Add(operation.Table, operation.Partition);
            if (operation.Kind.IsWrite())
            {
                _writes.Add(operation.Table, operation.Partition);
            }
        }
    }

    /// <summary>
    /// Every count by step, table, partition and kind (one row per partition: for tests, not for a fleet); beyond
    /// <see cref="StorageOperationConstants.PartitionsKept"/> rows, the rest under <see cref="StorageOperationConstants.FoldedPartition"/>.
    /// </summary>
    public IReadOnlyList<StorageOperationRow> Rows()
    {
        lock (_lock)
        {
            return [.. _rows.Select(p => new StorageOperationRow(p.Key.Step, p.Key.Table, p.Key.Partition, p.Key.Kind, p.Value))];
        }
    }

    /// <summary>Forgets every count.</summary>
    public void Reset()
    {
        lock (_lock)
        {
            _rows.Clear();
            _rows.TrimExcess();
            _operations.Clear();
            _writes.Clear();
            _partitions.Clear();
            _folded = false;
        }
    }

    /// <summary>
    /// The counts so far: by step, table and kind; the number of table partitions touched; and the busiest table
    /// partitions by operations and by writes (queues are not partitions here: each queue has its own targets).
    /// </summary>
    public StorageOperationSnapshot Snapshot()
    {
        lock (_lock)
        {
            var steps = _rows
                .GroupBy(r => (r.Key.Step, r.Key.Table, r.Key.Kind))
                .Select(g => new StorageStepCount(g.Key.Step, g.Key.Table, g.Key.Kind.ToString(), g.Sum(r => r.Value)))
                .OrderBy(s => s.Step, StringComparer.Ordinal).ThenBy(s => s.Table, StringComparer.Ordinal).ThenBy(s => s.Kind, StringComparer.Ordinal)
                .ToList();
            var tables = _rows.Where(r => !r.Key.Kind.IsQueue()).ToList();
            return new StorageOperationSnapshot(
                _rows.Sum(r => r.Value),
                tables.Sum(r => r.Value),
                tables.Where(r => r.Key.Kind.IsWrite()).Sum(r => r.Value),
                _partitions.Count,
                steps,
                _operations.Top(StorageOperationConstants.BusiestListed),
                _writes.Top(StorageOperationConstants.BusiestListed))
            {
                Estimated = _folded || _partitions.Estimated || _operations.Floor > 0 || _writes.Floor > 0,
            };
        }
    }

    private readonly record struct Key(string Step, string Table, string Partition, StorageOperationKind Kind);
}

/// <summary>What <see cref="StorageOperationCounter.Snapshot"/> returns (and the self-host's diagnostics route writes as JSON).</summary>
/// <param name="Total">Every operation, queues included.</param>
/// <param name="TableOperations">Table operations only.</param>
/// <param name="TableWrites">Table writes only (inserts, updates, merges, deletes, transactions).</param>
/// <param name="Partitions">Distinct table partitions touched (an estimate beyond <see cref="StorageOperationConstants.PartitionsKept"/>).</param>
/// <param name="Steps">Counts by step, table and kind.</param>
/// <param name="Busiest">The busiest table partitions by operations, most first (upper bounds when <see cref="StorageOperationSnapshot.Estimated"/>).</param>
/// <param name="BusiestWrites">The busiest table partitions by writes, most first (upper bounds when <see cref="StorageOperationSnapshot.Estimated"/>).</param>
public sealed record StorageOperationSnapshot(
    long Total,
    long TableOperations,
    long TableWrites,
    int Partitions,
    IReadOnlyList<StorageStepCount> Steps,
    IReadOnlyList<StoragePartitionCount> Busiest,
    IReadOnlyList<StoragePartitionCount> BusiestWrites)
{
    /// <summary>
    /// Whether more partitions were touched than the counter keeps (<see cref="StorageOperationConstants.PartitionsKept"/>):
    /// totals and steps stay exact, <see cref="Partitions"/> is estimated and the busiest counts are upper bounds.
    /// </summary>
    public bool Estimated { get; init; }
}

/// <summary>Operations of one step on one partition of one table (or queue) of one kind.</summary>
public sealed record StorageOperationRow(string Step, string Table, string Partition, StorageOperationKind Kind, long Count);

/// <summary>Operations of one step on one table (or queue) of one kind.</summary>
public sealed record StorageStepCount(string Step, string Table, string Kind, long Count);

/// <summary>Operations on one table partition.</summary>
public sealed record StoragePartitionCount(string Table, string Partition, long Count);
