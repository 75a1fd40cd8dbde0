using WeChatDomains.Core.Api;

namespace WeChatDomains.Host.Api;

/// <summary>
/// The seam between <c>POST /api/wechat/events</c> and the push receiver (<see cref="CorePushEventReceiver"/>): it
/// gets the raw query string (signature, timestamp, nonce) and the raw body, and answers as WeChat expects
/// (<c>success</c> as text/plain once the push is verified and handled).
/// </summary>
public interface IPushEventReceiver
{
    /// <summary>Verifies and handles one push.</summary>
    Task<ApiResult> ReceiveAsync(string rawQuery, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}
