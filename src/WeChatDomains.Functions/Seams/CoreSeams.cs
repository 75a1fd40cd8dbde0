using WeChatDomains.Core.Api;
using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Functions.Seams;

/// <summary>The refresh timer's seam over Core's <see cref="TokenRefreshSweep"/>.</summary>
public sealed class CoreTokenRefreshSweep(TokenRefreshSweep sweep) : ITokenRefreshSweep
{
    /// <inheritdoc />
    public Task RunAsync(CancellationToken cancellationToken) => sweep.RunAsync(cancellationToken);
}

/// <summary>The events function's seam over Core's <see cref="PushEndpoint"/>.</summary>
public sealed class CoreWeChatEventReceiver(PushEndpoint endpoint) : IWeChatEventReceiver
{
    /// <inheritdoc />
    public Task<ApiResult> ReceiveAsync(IReadOnlyDictionary<string, string?> query, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        endpoint.ReceiveAsync(query, body, cancellationToken);
}
