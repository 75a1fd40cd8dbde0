namespace WeChatDomains.Azure.Queues;

/// <summary>Defaults of <see cref="StorageQueueOptions"/> and the limits of Azure Storage Queues.</summary>
public static class StorageQueueConstants
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "StorageQueue";

    /// <summary>Default queue name.</summary>
    public const string QueueName = "wechatdomains-commands";

    /// <summary>Suffix of the poison queue: <c>{queue}-poison</c>.</summary>
    public const string PoisonSuffix = "-poison";

    /// <summary>Dequeues after which a message goes to the poison queue unprocessed (above Core's own delivery budget).</summary>
    public const int MaxDequeueCount = 30;

    /// <summary>Most messages one receive call may return (a Storage Queue limit).</summary>
    public const int MaxBatchSize = 32;

    /// <summary>Longest visibility delay Storage accepts (7 days).</summary>
    public static readonly TimeSpan MaxVisibilityDelay = TimeSpan.FromDays(7);

    /// <summary>Default visibility timeout of a received message: the processing lease.</summary>
    public static readonly TimeSpan VisibilityTimeout = TimeSpan.FromMinutes(5);
}
