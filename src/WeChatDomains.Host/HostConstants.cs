using WeChatDomains.Azure.Queues;
using WeChatDomains.Core.Api;

namespace WeChatDomains.Host;

/// <summary>Defaults of the self-host.</summary>
public static class HostConstants
{
    /// <summary>Where the Host listens by default (as the Functions host does locally).</summary>
    public const string DefaultUrl = "http://127.0.0.1:7071";

    /// <summary>The Storage connection string used when none is configured: Azurite.</summary>
    public const string DevelopmentStorage = "UseDevelopmentStorage=true";

    /// <summary>Name of the connection string (<c>ConnectionStrings:Storage</c>) shared by the queue and the tables.</summary>
    public const string StorageConnectionName = "Storage";

    /// <summary>
    /// Largest command accepted by <c>POST /api/commands</c> here: what a Storage Queue message can carry, which is
    /// below <see cref="ApiRoutes.MaxCommandBodyBytes"/>.
    /// </summary>
    public const int MaxCommandBodyBytes = StorageQueueCommandSender.MaxBodyBytes < ApiRoutes.MaxCommandBodyBytes
        ? StorageQueueCommandSender.MaxBodyBytes
        : ApiRoutes.MaxCommandBodyBytes;
}
