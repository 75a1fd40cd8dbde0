namespace WeChatDomains.Host.Telemetry;

/// <summary>Names of the Host's OpenTelemetry set-up.</summary>
public static class TelemetryConstants
{
    /// <summary>The setting that turns the OTLP exporter on (the OpenTelemetry SDK's own variable, as in the Functions app).</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The <c>service.name</c> of the Host's resource (the Functions app reports its own site name).</summary>
    public const string ServiceName = "WeChatDomains.Host";
}
