using WeChatDomains.Core.Api;

namespace WeChatDomains.Functions.Seams;

/// <summary>The events function's seam over Core's <see cref="PushEndpoint"/>.</summary>
public sealed class CoreWeChatEventReceiver(PushEndpoint endpoint) : IWeChatEventReceiver
{
    /// <inheritdoc />
    public Task<ApiResult> ReceiveAsync(IReadOnlyDictionary<string, string?> query, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        endpoint.ReceiveAsync(query, body, cancellationToken);
}
