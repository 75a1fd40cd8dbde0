using Microsoft.AspNetCore.WebUtilities;
using WeChatDomains.Core.Api;

namespace WeChatDomains.Host.Api;

/// <summary>The events route's receiver: parses the raw query and hands the push to Core's <see cref="PushEndpoint"/>.</summary>
public sealed class CorePushEventReceiver(PushEndpoint endpoint) : IPushEventReceiver
{
    /// <inheritdoc />
    public Task<ApiResult> ReceiveAsync(string rawQuery, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        var query = QueryHelpers.ParseQuery(rawQuery).ToDictionary(p => p.Key, p => (string?)p.Value.ToString(), StringComparer.Ordinal);
        return endpoint.ReceiveAsync(query, body, cancellationToken);
    }
}
