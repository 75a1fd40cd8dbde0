namespace WeChatDomains.Azure.Operations;

/// <summary>
/// Counting of the storage operations of this process's Table and Queue clients (section <c>StorageOperations</c>): for
/// the bench and tests only, off by default. When <see cref="Count"/> is on, every operation is counted by step, table,
/// partition and kind (<see cref="StorageOperationCounter"/>), and the self-host maps
/// <see cref="StorageOperationConstants.Route"/> to read and reset the counts; when off, neither the policy nor the route exists.
/// </summary>
public sealed class StorageOperationOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "StorageOperations";

    /// <summary>Whether the operations are counted (default: no).</summary>
    public bool Count { get; set; }
}
