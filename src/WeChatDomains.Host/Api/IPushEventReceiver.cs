using WeChatDomains.Core.Api;

namespace WeChatDomains.Host.Api;

/// <summary>
/// The seam between <c>POST /api/wechat/events</c> and the push receiver (wired in <see cref="HostAdapters"/>): it
/// gets the raw query string (signature, timestamp, nonce) and the raw body, and answers as WeChat expects
/// (<c>success</c> as text/plain once the push is verified and handled).
/// </summary>
public interface IPushEventReceiver
{
    /// <summary>Verifies and handles one push.</summary>
    Task<ApiResult> ReceiveAsync(string rawQuery, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}

/// <summary>Placeholder until the push receiver is wired: 503, so WeChat retries the push later.</summary>
public sealed class UnwiredPushEventReceiver : IPushEventReceiver
{
    /// <inheritdoc />
    public Task<ApiResult> ReceiveAsync(string rawQuery, ReadOnlyMemory<byte> body, CancellationToken cancellationToken) =>
        Task.FromResult(ApiResult.Problem(StatusCodes.Status503ServiceUnavailable, "The push receiver is not wired into this Host."));
}
