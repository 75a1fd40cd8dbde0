using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Polly;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.WeChat;

/// <summary>Registers the WeChat client.</summary>
public static class WeChatServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IWeChatClient"/> as a typed HTTP client with its one resilience pipeline (see
    /// <see cref="WeChatClient"/>), <see cref="WeChatClientOptions"/> validated at start-up, and
    /// <see cref="TimeProvider.System"/> unless a <see cref="TimeProvider"/> is already registered. The HTTP client has
    /// no resilience handler and no default HttpClient logging: the pipeline owns retries and the client logs one
    /// redacted line per call. <see cref="WeChatClientOptions.MaxConcurrentCalls"/> caps the requests in flight. Bind configuration with <c>services.AddOptions&lt;WeChatClientOptions&gt;().BindConfiguration(…)</c>.
    /// </summary>
    /// <returns>The HTTP client builder, for transport settings (a primary handler, for instance).</returns>
    public static IHttpClientBuilder AddWeChatClient(this IServiceCollection services, Action<WeChatClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        var options = services.AddOptions<WeChatClientOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.AddResiliencePipeline<string, WeChatAttempt>(WeChatClientConstants.PipelineKey, static (builder, context) =>
        {
            var clientOptions = context.ServiceProvider.GetRequiredService<IOptions<WeChatClientOptions>>().Value;
            WeChatResiliencePipeline.Configure(builder, clientOptions, context.ServiceProvider.GetRequiredService<TimeProvider>());
        });

        services.TryAddSingleton<WeChatCallSlots>();
        services.TryAddTransient<CallLimitHandler>();
        var httpClient = services
            .AddHttpClient<IWeChatClient, WeChatClient>(static http => http.Timeout = Timeout.InfiniteTimeSpan)
            .AddHttpMessageHandler<CallLimitHandler>()
            .RemoveAllLoggers();
#pragma warning disable EXTEXP0001 // Guards against resilience handlers added by ConfigureHttpClientDefaults: one owner per failure.
        return httpClient.RemoveAllResilienceHandlers();
#pragma warning restore EXTEXP0001
    }
}
