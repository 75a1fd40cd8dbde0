namespace WeChatDomains.Azure.Operations;

/// <summary>What one storage request does, as the counter classifies it from the request alone.</summary>
public enum StorageOperationKind
{
    /// <summary>Anything else: table or queue creation, service calls.</summary>
    Other,

    /// <summary>A table entity read by partition and row key.</summary>
    PointRead,

    /// <summary>A table query (one page).</summary>
    Query,

    /// <summary>A table entity insert.</summary>
    Insert,

    /// <summary>A table entity replace or upsert (PUT).</summary>
    Update,

    /// <summary>A table entity merge (MERGE or PATCH).</summary>
    Merge,

    /// <summary>A table entity delete.</summary>
    Delete,

    /// <summary>An entity-group transaction (<c>$batch</c>), one operation however many entities it holds.</summary>
    Batch,

    /// <summary>A queue message send.</summary>
    QueueSend,

    /// <summary>A queue receive (one call, up to 32 messages).</summary>
    QueueReceive,

    /// <summary>A queue peek.</summary>
    QueuePeek,

    /// <summary>A queue message delete.</summary>
    QueueDelete,

    /// <summary>A queue message update (visibility or content).</summary>
    QueueUpdate,
}

/// <summary>Properties of <see cref="StorageOperationKind"/>.</summary>
public static class StorageOperationKinds
{
    /// <summary>Whether the kind writes (what a partition's write target counts).</summary>
    public static bool IsWrite(this StorageOperationKind kind) => kind is StorageOperationKind.Insert or StorageOperationKind.Update
        or StorageOperationKind.Merge or StorageOperationKind.Delete or StorageOperationKind.Batch or StorageOperationKind.QueueSend
        or StorageOperationKind.QueueDelete or StorageOperationKind.QueueUpdate;

    /// <summary>Whether the kind is a queue operation.</summary>
    public static bool IsQueue(this StorageOperationKind kind) => kind is StorageOperationKind.QueueSend or StorageOperationKind.QueueReceive
        or StorageOperationKind.QueuePeek or StorageOperationKind.QueueDelete or StorageOperationKind.QueueUpdate;
}
