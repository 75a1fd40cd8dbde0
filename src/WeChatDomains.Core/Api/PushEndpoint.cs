using System.Text;
using WeChatDomains.Core.Push;

namespace WeChatDomains.Core.Api;

/// <summary>
/// <c>POST /api/wechat/events</c> for both hosts: WeChat's push receiver. Anonymous; only a valid msg_signature is
/// trusted. Answers <c>success</c> (200), 401 for a bad signature or a foreign AppId, 400 for garbage, 413 for an
/// oversize body, 503 when authentic work must be pushed again later. Nothing is stored for a refused push.
/// </summary>
public sealed class PushEndpoint(PushReceiver receiver)
{
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);

    /// <summary>Handles one push from its query values and raw body.</summary>
    public async Task<ApiResult> ReceiveAsync(IReadOnlyDictionary<string, string?> query, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        if (body.Length > ApiRoutes.MaxEventBodyBytes)
        {
            return ApiResult.Problem(413, "The push is too large.");
        }

        string text;
        try
        {
            text = StrictUtf8.GetString(body.Span);
        }
        catch (DecoderFallbackException)
        {
            return ApiResult.Problem(400, "The push body is not UTF-8.");
        }

        var receipt = await receiver.ReceiveAsync(Value(query, "msg_signature"), Value(query, "timestamp"), Value(query, "nonce"), text, cancellationToken);
        return receipt.Reply switch
        {
            PushReply.Success => new ApiResult(200, PushReceipt.SuccessBody),
            PushReply.Unauthorized => ApiResult.Problem(401, "The push is not signed by this platform.", receipt.Reason),
            PushReply.BadRequest => ApiResult.Problem(400, "The push is malformed.", receipt.Reason),
            _ => ApiResult.Problem(503, "The push could not be handled now; push it again.", receipt.Reason),
        };
    }

    private static string? Value(IReadOnlyDictionary<string, string?> query, string name) => query.TryGetValue(name, out var value) ? value : null;
}
