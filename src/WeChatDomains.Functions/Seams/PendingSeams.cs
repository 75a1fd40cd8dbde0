using Microsoft.Extensions.Logging;
using WeChatDomains.Core.Api;

namespace WeChatDomains.Functions.Seams;

/// <summary>Stand-in until the token sweep is merged: says so in the log and does nothing.</summary>
internal sealed class PendingTokenRefreshSweep(ILogger<PendingTokenRefreshSweep> logger) : ITokenRefreshSweep
{
    public Task RunAsync(CancellationToken cancellationToken)
    {
        Log.SeamNotWired(logger, nameof(ITokenRefreshSweep), FunctionNames.RefreshTokens);
        return Task.CompletedTask;
    }
}

/// <summary>Stand-in until the push receiver is merged: answers 503 so WeChat retries the push later.</summary>
internal sealed class PendingWeChatEventReceiver(ILogger<PendingWeChatEventReceiver> logger) : IWeChatEventReceiver
{
    public Task<ApiResult> ReceiveAsync(IReadOnlyDictionary<string, string?> query, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        Log.SeamNotWired(logger, nameof(IWeChatEventReceiver), FunctionNames.ReceiveWeChatEvent);
        return Task.FromResult(ApiResult.Problem(503, "The push receiver is not available in this build."));
    }
}
