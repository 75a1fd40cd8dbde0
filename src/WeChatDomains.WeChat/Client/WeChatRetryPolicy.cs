using Polly;

namespace WeChatDomains.WeChat.Client;

/// <summary>
/// Which failures the client's pipeline retries. Retried for every API: HTTP 5xx, errcode -1 and connections that
/// failed before the request was sent (WeChat applied nothing). Retried only for calls that change nothing (the get
/// and token APIs, and the modify APIs with action <c>get</c>): timeouts and connections dropped after sending.
/// A quota-counted modify call is never replayed after such an ambiguous failure, since WeChat may have applied
/// it and a replay could spend the month's budget twice; its result carries <c>RequestSent = true</c> and the caller
/// settles it with a get.
/// </summary>
internal static class WeChatRetryPolicy
{
    /// <summary>Whether the call in this context may be replayed after an ambiguous failure.</summary>
    public static readonly ResiliencePropertyKey<bool> RetryAmbiguousKey = new("WeChatDomains.WeChat.RetryAmbiguous");

    /// <summary>Whether a call may be replayed after an ambiguous failure: false for a modify API unless it only reads.</summary>
    public static bool RetriesAmbiguous(string api, string? action) => api switch
    {
        WeChatApi.ModifyDomain or WeChatApi.ModifyDomainDirectly or WeChatApi.SetWebviewDomain or WeChatApi.ModifyWxaJumpDomain
            or WeChatApi.ModifyWxaServerDomain or WeChatApi.SetWebviewDomainDirectly =>
            string.Equals(action, DomainAction.Get, StringComparison.Ordinal),
        WeChatApi.SetPrefetchDnsDomain => false,
        _ => true,
    };

    /// <summary>The retry predicate of the pipeline.</summary>
    public static bool ShouldRetry(Outcome<WeChatAttempt> outcome, ResilienceContext context)
    {
        if (context.CancellationToken.IsCancellationRequested)
        {
            return false;
        }

        if (outcome.Result is { } attempt)
        {
            return attempt.IsRetryable;
        }

        return outcome.Exception is { } exception
            && TransportFault.From(exception) is { } fault
            && (!fault.RequestSent || context.Properties.GetValue(RetryAmbiguousKey, defaultValue: false));
    }
}
