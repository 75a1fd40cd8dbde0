using System.ComponentModel.DataAnnotations;

namespace WeChatDomains.Functions.Hosting;

/// <summary>
/// The settings the app itself reads (the host reads its own binding settings). Validated at start-up: a missing
/// queue name or namespace stops the worker instead of failing on the first message.
/// </summary>
public sealed class FunctionsHostOptions
{
    /// <summary>Configuration key of the Service Bus namespace (app setting <c>ServiceBus__fullyQualifiedNamespace</c>).</summary>
    public const string ServiceBusNamespaceKey = FunctionsConstants.ServiceBusConnection + ":fullyQualifiedNamespace";

    /// <summary>Configuration key of the Application Insights connection string.</summary>
    public const string ApplicationInsightsKey = "APPLICATIONINSIGHTS_CONNECTION_STRING";

    /// <summary>Configuration key of an OTLP collector endpoint.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>The commands queue (<c>CommandsQueueName</c>).</summary>
    [Required]
    public string CommandsQueueName { get; set; } = string.Empty;

    /// <summary>The Service Bus namespace host name, e.g. <c>sb-wechatdomains.servicebus.windows.net</c>.</summary>
    [Required]
    public string ServiceBusNamespace { get; set; } = string.Empty;

    /// <summary>Application Insights connection string; telemetry export is off when empty.</summary>
    public string? ApplicationInsightsConnectionString { get; set; }

    /// <summary>OTLP endpoint; OTLP export is off when empty.</summary>
    public string? OtlpEndpoint { get; set; }
}
