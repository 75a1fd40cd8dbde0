using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using WeChatDomains.Azure.Authorizers;
using WeChatDomains.Azure.Commands;
using WeChatDomains.Azure.Faults;
using WeChatDomains.Azure.Leases;
using WeChatDomains.Core.Ports;

namespace WeChatDomains.Azure.TableStorage;

/// <summary>Registration of the Table Storage adapters.</summary>
public static class TableStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="TableServiceClient"/> (from the connection string, or the service URI with
    /// <see cref="DefaultAzureCredential"/>), <see cref="ICommandStore"/>, <see cref="IAuthorizerRegistry"/> and
    /// <see cref="ILeaseStore"/> and the shared <see cref="IVaultWriteBudget"/> on Table Storage, and creates the tables at start. Options are validated at start;
    /// bind them from <see cref="TableStorageConstants.SectionName"/> or pass <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddWeChatDomainsTableStorage(this IServiceCollection services, Action<TableStorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<TableStorageOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddStorageClientPolicies();
        services.TryAddSingleton(static provider => CreateServiceClient(
            provider.GetRequiredService<IOptions<TableStorageOptions>>().Value, provider.GetRequiredService<StorageClientPolicies>()));
        services.TryAddSingleton<TableStorageTables>();
        services.TryAddSingleton<ICommandStore, TableCommandStore>();
        services.TryAddSingleton<IAuthorizerRegistry, TableAuthorizerRegistry>();
        services.TryAddSingleton<Core.Profiles.IProfileStore, Profiles.TableProfileStore>();
        services.TryAddSingleton<Core.Profiles.Rollouts.IRolloutStore, Profiles.TableRolloutStore>();
        services.TryAddSingleton<ILeaseStore>(static provider => new TableLeaseStore(
            provider.GetRequiredService<TableStorageTables>(),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<IOptions<TableStorageOptions>>().Value.LeaseHolder));
        services.TryAddSingleton<IVaultWriteBudget, Vault.TableVaultWriteBudget>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TableStorageInitializer>());
        return services;
    }

    /// <summary>
    /// Registers <see cref="StorageClientPolicies"/> with <see cref="StorageFaultOptions"/> (validated at start-up) and
    /// <see cref="Operations.StorageOperationOptions"/>, both bound from configuration by the adapters' registration.
    /// </summary>
    internal static IServiceCollection AddStorageClientPolicies(this IServiceCollection services)
    {
        services.AddOptions<StorageFaultOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Operations.StorageOperationOptions>();
        services.TryAddSingleton<StorageClientPolicies>();
        return services;
    }

    private static TableServiceClient CreateServiceClient(TableStorageOptions options, StorageClientPolicies policies)
    {
        var clientOptions = policies.ApplyTo(new TableClientOptions());
        return !string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new TableServiceClient(options.ConnectionString, clientOptions)
            : new TableServiceClient(options.ServiceUri, new DefaultAzureCredential(), clientOptions);
    }
}
