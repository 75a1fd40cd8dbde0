using WeChatDomains.Core.Processing;
using Azure.Core;
using Azure.Identity;
using Azure.Messaging.ServiceBus;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatDomains.Azure.Hosting;
using WeChatDomains.Core;
using WeChatDomains.Functions.Commands;
using WeChatDomains.Functions.Seams;

namespace WeChatDomains.Functions.Hosting;

/// <summary>Registers the Functions app: Core, the Service Bus sender, the triggers' collaborators, telemetry.</summary>
public static class FunctionsServiceCollectionExtensions
{
    /// <summary>
    /// Adds everything the functions need. Identity-based throughout: one <see cref="DefaultAzureCredential"/> (in Azure
    /// the user-assigned identity named by <c>AZURE_CLIENT_ID</c>) for Service Bus, and for the adapters once merged.
    /// </summary>
    public static IServiceCollection AddWeChatDomainsFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<FunctionsHostOptions>()
            .Configure(options => Bind(options, configuration))
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.TryAddSingleton(sp => new ServiceBusClient(
            sp.GetRequiredService<IOptions<FunctionsHostOptions>>().Value.ServiceBusNamespace,
            sp.GetRequiredService<TokenCredential>()));
        services.TryAddSingleton(sp => sp.GetRequiredService<ServiceBusClient>()
            .CreateSender(sp.GetRequiredService<IOptions<FunctionsHostOptions>>().Value.CommandsQueueName));

        services.AddWeChatDomainsCore();
        services.AddWeChatDomainsAdapters(configuration, storageConnectionString: null);
        services.TryAddSingleton<CommandSettlement>();
        services.TryAddSingleton<Core.Ports.ICommandSender, ServiceBusCommandSender>();
        services.TryAddSingleton<IWeChatEventReceiver, CoreWeChatEventReceiver>();

        services.AddLogging(logging => logging
            .AddFilter("System.Net.Http.HttpClient", LogLevel.Warning)
            .AddFilter("Azure.Core", LogLevel.Warning));
        services.AddWeChatDomainsTelemetry(configuration);
        return services;
    }

    private static void Bind(FunctionsHostOptions options, IConfiguration configuration)
    {
        options.CommandsQueueName = configuration[FunctionsConstants.CommandsQueueSetting] ?? string.Empty;
        options.ServiceBusNamespace = configuration[FunctionsHostOptions.ServiceBusNamespaceKey] ?? string.Empty;
        options.ApplicationInsightsConnectionString = configuration[FunctionsHostOptions.ApplicationInsightsKey];
        options.OtlpEndpoint = configuration[FunctionsHostOptions.OtlpEndpointKey];
    }
}
