using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WeChatDomains.Core.Execution;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Profiles;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Core;

/// <summary>Registers Core's services; the hosts add the adapters of its ports (stores, vault, leases, sender).</summary>
public static class CoreServiceCollectionExtensions
{
    /// <summary>
    /// Adds command processing, submission, release and status queries, with <see cref="ProcessingOptions"/> bound from
    /// the <c>Processing</c> section by the caller (or defaults) and validated at start-up.
    /// </summary>
    public static IServiceCollection AddWeChatDomainsCore(this IServiceCollection services, Action<ProcessingOptions>? configure = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        var options = services.AddOptions<ProcessingOptions>().BindConfiguration(ProcessingOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(sp => sp.GetRequiredService<IOptions<ProcessingOptions>>().Value);
        services.TryAddSingleton<ProcessingTelemetry>();
        services.TryAddSingleton<OutcomePolicy>();
        services.TryAddSingleton<CommandClaimer>();
        services.TryAddSingleton<OrderGate>();
        services.TryAddSingleton<QuotaLedgerService>();
        services.TryAddSingleton<AuthorizerUpdates>();
        services.TryAddSingleton<CommandExecutor>();
        services.TryAddSingleton<AppliedCheck>();
        services.TryAddSingleton<ICommandReader, CommandReader>();
        services.TryAddSingleton<CommandProcessor>();
        services.TryAddSingleton<ICommandProcessor>(sp => sp.GetRequiredService<CommandProcessor>());
        services.TryAddSingleton<CommandSubmission>();
        services.TryAddSingleton<DeferredRelease>();
        services.TryAddSingleton<StatusQueries>();
        services.TryAddSingleton<Api.ApiHandlers>();
        services.AddWeChatDomainsProfiles();
        return services;
    }
}
