using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Host.Telemetry;

/// <summary>
/// OpenTelemetry of the self-host with the Functions app's names: the <see cref="ProcessingTelemetry.Name"/> activity
/// source, and the <see cref="ProcessingTelemetry.Name"/> and <see cref="TokenMetrics.MeterName"/> meters, so one
/// dashboard serves both hosts. Tracing and metrics are always registered (a processor or reader can be added); they are
/// exported over OTLP when <see cref="TelemetryConstants.OtlpEndpointKey"/> is set (the exporter reads the other
/// <c>OTEL_EXPORTER_OTLP_*</c> variables itself).
/// </summary>
public static class TelemetryServiceCollectionExtensions
{
    /// <summary>Adds the tracer and meter providers, and the OTLP exporters when configured.</summary>
    public static IServiceCollection AddWeChatDomainsHostTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var otlp = !string.IsNullOrWhiteSpace(configuration[TelemetryConstants.OtlpEndpointKey]);
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(TelemetryConstants.ServiceName))
            .WithTracing(tracing =>
            {
                tracing.AddSource(ProcessingTelemetry.Name);
                if (otlp)
                {
                    tracing.AddOtlpExporter();
                }
            })
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(ProcessingTelemetry.Name, TokenMetrics.MeterName);
                if (otlp)
                {
                    metrics.AddOtlpExporter();
                }
            });
        return services;
    }
}
