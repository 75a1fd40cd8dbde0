using Polly;
using Polly.Retry;

namespace WeChatDomains.WeChat.Client;

/// <summary>
/// The client's one resilience pipeline: a retry (exponential backoff with jitter, predicate
/// <see cref="WeChatRetryPolicy.ShouldRetry"/>) around a per-attempt timeout, both on the injected
/// <see cref="TimeProvider"/>. Nothing else retries WeChat calls: the HTTP client has no resilience handler.
/// </summary>
internal static class WeChatResiliencePipeline
{
    public static void Configure(ResiliencePipelineBuilder<WeChatAttempt> builder, WeChatClientOptions options, TimeProvider timeProvider)
    {
        builder.TimeProvider = timeProvider;
        if (options.RetryCount > 0)
        {
            builder.AddRetry(CreateRetryOptions(options));
        }

        builder.AddTimeout(options.AttemptTimeout);
    }

    public static RetryStrategyOptions<WeChatAttempt> CreateRetryOptions(WeChatClientOptions options) => new()
    {
        MaxRetryAttempts = options.RetryCount,
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
        Delay = options.BaseDelay,
        MaxDelay = options.MaxDelay,
        ShouldHandle = args => ValueTask.FromResult(WeChatRetryPolicy.ShouldRetry(args.Outcome, args.Context)),
    };
}
