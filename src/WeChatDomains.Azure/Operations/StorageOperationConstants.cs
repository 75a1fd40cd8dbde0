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
}
