namespace WeChatDomains.Azure.Operations;

/// <summary>Constants of the storage operation counter.</summary>
public static class StorageOperationConstants
{
    /// <summary>The self-host's diagnostics route (under <c>/api</c>, behind the API key) when counting is on.</summary>
    public const string Route = "diagnostics/storage-operations";

    /// <summary>How many of the busiest partitions a snapshot lists.</summary>
    public const int BusiestListed = 10;

    /// <summary>The partition recorded for a queue operation and for table operations without one (table create).</summary>
    public const string NoPartition = "";

    /// <summary>
    /// Table partitions (and rows by step, table, partition and kind) the counter keeps exactly: 10,000. Beyond that,
    /// rows of new partitions fold into <see cref="FoldedPartition"/>, the busiest partitions are kept as upper bounds
    /// and the distinct partitions are estimated, so a fleet's run keeps the counter's memory constant (issue 16).
    /// </summary>
    public const int PartitionsKept = 10_000;

    /// <summary>The partition of the rows that stand for every partition not kept (see <see cref="PartitionsKept"/>).</summary>
    public const string FoldedPartition = "*";

    /// <summary>Bits of the distinct-partition estimate's register index: 12 (4,096 registers, 4 KiB, about 1.6 % error).</summary>
    public const int DistinctRegisterBits = 12;
}
