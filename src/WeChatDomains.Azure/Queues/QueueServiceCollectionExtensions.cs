using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Ports;

namespace WeChatDomains.Azure.Queues;

/// <summary>Registration of the Storage Queue transport.</summary>
public static class QueueServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="StorageQueues"/>, <see cref="ICommandSender"/> as <see cref="StorageQueueCommandSender"/> and
    /// <see cref="StorageQueueReceiver"/>, with <see cref="StorageQueueOptions"/> validated at start-up. Bind the options
    /// from <see cref="StorageQueueConstants.SectionName"/> or pass <paramref name="configure"/>. The queues are created
    /// by <see cref="StorageQueues.CreateIfNotExistsAsync"/>, which the host calls at start.
    /// </summary>
    public static IServiceCollection AddWeChatDomainsStorageQueue(this IServiceCollection services, Action<StorageQueueOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<StorageQueueOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddStorageClientPolicies();
        services.TryAddSingleton<StorageQueues>();
        services.TryAddSingleton<StorageQueueCommandSender>();
        services.TryAddSingleton<ICommandSender>(static sp => sp.GetRequiredService<StorageQueueCommandSender>());
        services.TryAddSingleton<StorageQueueReceiver>();
        return services;
    }
}
