using WeChatDomains.Core.Processing;
using WeChatDomains.Azure.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WeChatDomains.Azure.Queues;
using WeChatDomains.Core;
using WeChatDomains.Host.Api;
using WeChatDomains.Host.Api.OpenApi;
using WeChatDomains.Host.Intake;
using WeChatDomains.Host.Telemetry;
using WeChatDomains.Host.Timers;

namespace WeChatDomains.Host;

/// <summary>The self-host's one registration and its request pipeline.</summary>
public static class HostBuilderExtensions
{
    /// <summary>
    /// Registers Core, the Storage Queue transport, the intake, the timers, the API key, ProblemDetails, OpenAPI,
    /// OpenTelemetry and the adapters; listens on <see cref="HostConstants.DefaultUrl"/> unless URLs are configured.
    /// </summary>
    public static WebApplicationBuilder AddWeChatDomainsHost(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var configuration = builder.Configuration;
        if (string.IsNullOrWhiteSpace(configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(HostConstants.DefaultUrl);
        }

        var storage = configuration.GetConnectionString(HostConstants.StorageConnectionName) is { Length: > 0 } configured
            ? configured
            : HostConstants.DevelopmentStorage;
        var services = builder.Services;
        services.Configure<KestrelServerOptions>(o => o.Limits.MaxRequestBodySize = HostConstants.MaxCommandBodyBytes);
        services.AddProblemDetails();
        services.AddOpenApi(o => o.AddOperationTransformer<ExamplesTransformer>());
        services.AddWeChatDomainsHostTelemetry(configuration);

        services.AddWeChatDomainsCore();
        services.AddWeChatDomainsAdapters(configuration, storage);
        services.TryAddSingleton<IPushEventReceiver, CorePushEventReceiver>();
        services.AddWeChatDomainsStorageQueue(o =>
        {
            configuration.GetSection(StorageQueueConstants.SectionName).Bind(o);
            if (string.IsNullOrWhiteSpace(o.ConnectionString) && o.ServiceUri is null)
            {
                o.ConnectionString = storage;
            }
        });

        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<Microsoft.Extensions.Options.IPostConfigureOptions<ApiKeyOptions>, ApiKeyDefaults>();
        services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<ApiKeyOptions>, ApiKeyValidation>();
        services.AddHostedService<ApiKeyNotice>();

        services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddHostedService<QueueInitializer>();
        if (configuration.GetSection(IntakeOptions.SectionName).GetValue(nameof(IntakeOptions.Enabled), true))
        {
            services.AddHostedService<IntakeService>();
        }

        services.AddOptions<TimerOptions>().BindConfiguration(TimerOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<DeferredReleaseJob>();
        services.TryAddSingleton<TokenSweepJob>();
        services.TryAddSingleton<ReconcileJob>();
        services.TryAddSingleton<RolloutJob>();
        services.TryAddSingleton<DriftJob>();
        if (configuration.GetSection(TimerOptions.SectionName).GetValue(nameof(TimerOptions.Enabled), true))
        {
            // Not AddHostedService: it registers through TryAddEnumerable, which keeps one hosted service per
            // implementation type, so every LeasedTimerService after the first was silently dropped.
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<LeasedTimerService>(sp, sp.GetRequiredService<DeferredReleaseJob>()));
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<LeasedTimerService>(sp, sp.GetRequiredService<TokenSweepJob>()));
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<LeasedTimerService>(sp, sp.GetRequiredService<ReconcileJob>()));
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<LeasedTimerService>(sp, sp.GetRequiredService<RolloutJob>()));
            services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<LeasedTimerService>(sp, sp.GetRequiredService<DriftJob>()));
        }

        return builder;
    }

    /// <summary>ProblemDetails for errors, the dashboard at <c>/</c>, the OpenAPI document and the API under <c>/api</c>.</summary>
    public static WebApplication UseWeChatDomainsHost(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.MapOpenApi();
        app.MapWeChatDomainsApi();
        app.MapProfilesApi();
        app.MapStorageOperationDiagnostics();
        return app;
    }
}
