using Azure.Identity;
using Azure.Monitor.OpenTelemetry.Exporter;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Functions.Hosting;

/// <summary>
/// OpenTelemetry export of Core's activity source and meters (processing and tokens: infra/main.bicep alerts on
/// both), on only when configured: to Application Insights when <c>APPLICATIONINSIGHTS_CONNECTION_STRING</c> is set
/// (Entra ID auth with the app's credential), and/or to an OTLP collector when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
/// set. Logs are not exported here: the worker forwards them to the Functions host, which already sends them to
/// Application Insights (filtered by host.json).
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Adds the exporters that are configured; nothing when none is.</summary>
    public static IServiceCollection AddWeChatDomainsTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var appInsights = configuration[FunctionsHostOptions.ApplicationInsightsKey];
        var otlp = configuration[FunctionsHostOptions.OtlpEndpointKey];
        if (string.IsNullOrWhiteSpace(appInsights) && string.IsNullOrWhiteSpace(otlp))
        {
            return services;
        }

        services.AddOpenTelemetry()
            .WithTracing(tracing =>
            {
                tracing.AddSource(ProcessingTelemetry.Name);
                if (!string.IsNullOrWhiteSpace(appInsights))
                {
                    tracing.AddAzureMonitorTraceExporter(o => Configure(o, appInsights));
                }

                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ProcessingTelemetry.Name, TokenMetrics.MeterName);
                if (!string.IsNullOrWhiteSpace(appInsights))
                {
                    metrics.AddAzureMonitorMetricExporter(o => Configure(o, appInsights));
                }

                if (!string.IsNullOrWhiteSpace(otlp))
                {
                    metrics.AddOtlpExporter();
                }
            });
        return services;
    }

    private static void Configure(AzureMonitorExporterOptions options, string connectionString)
    {
        options.ConnectionString = connectionString;
        options.Credential = new DefaultAzureCredential();
    }
}
