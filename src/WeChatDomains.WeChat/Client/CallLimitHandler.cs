using Microsoft.Extensions.Options;

namespace WeChatDomains.WeChat.Client;

/// <summary>The process-wide slots of <see cref="WeChatClientOptions.MaxConcurrentCalls"/> (none when it is 0).</summary>
internal sealed class WeChatCallSlots(IOptions<WeChatClientOptions> options) : IDisposable
{
    public SemaphoreSlim? Slots { get; } = options.Value.MaxConcurrentCalls is > 0 and var max ? new SemaphoreSlim(max, max) : null;

    public void Dispose() => Slots?.Dispose();
}

/// <summary>
/// Holds each HTTP request to WeChat until one of the process's <see cref="WeChatCallSlots"/> is free, and frees it when
/// the response (or the failure) is back. Sits under the resilience pipeline, so a retry's backoff holds no slot.
/// </summary>
internal sealed class CallLimitHandler(WeChatCallSlots slots) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (slots.Slots is not { } gate)
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }
}
