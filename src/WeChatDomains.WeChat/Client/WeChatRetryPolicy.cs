using Polly;

namespace WeChatDomains.WeChat.Client;

/// <summary>
/// Which failures the client's pipeline retries. Retried for every API: connections that failed before the request
/// was sent (WeChat saw nothing). Retried only for calls that change nothing (the get and token APIs, and the modify
/// APIs with action <c>get</c>): HTTP 5xx, errcode -1, timeouts and connections dropped after sending. WeChat may
/// have applied a call that answered -1 or 5xx (the sandbox's "applied, then failed" fault does exactly that), so a
/// modify call is never replayed after any of them: a replay could spend the month's budget twice. Its result carries
/// <c>RequestSent = true</c> and the caller settles it with a get (DESIGN section 4).
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
            return attempt.IsRetryable && context.Properties.GetValue(RetryAmbiguousKey, defaultValue: false);
        }

        return outcome.Exception is { } exception
            && TransportFault.From(exception) is { } fault
            && (!fault.RequestSent || context.Properties.GetValue(RetryAmbiguousKey, defaultValue: false));
    }
}
