using WeChatDomains.Core.Api;

namespace WeChatDomains.Functions.Seams;

/// <summary>
/// WeChat's push receiver behind <c>POST /api/wechat/events</c> (DESIGN section 6): checks msg_signature and AppId,
/// stores the ticket or handles the authorization event, answers <c>success</c>.
/// </summary>
public interface IWeChatEventReceiver
{
    /// <summary>Handles one push: the query (signature, timestamp, nonce, msg_signature) and the raw body.</summary>
    Task<ApiResult> ReceiveAsync(IReadOnlyDictionary<string, string?> query, ReadOnlyMemory<byte> body, CancellationToken cancellationToken);
}
