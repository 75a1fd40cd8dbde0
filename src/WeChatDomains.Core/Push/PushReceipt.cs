namespace WeChatDomains.Core.Push;

/// <summary>What the host answers WeChat for one push.</summary>
public enum PushReply
{
    /// <summary>Handled (or deliberately ignored): answer 200 with body <c>success</c>.</summary>
    Success,

    /// <summary>Bad msg_signature or a foreign AppId: answer 401. Nothing was stored.</summary>
    Unauthorized,

    /// <summary>Missing parameters, garbage or oversize body: answer 400. Nothing was stored.</summary>
    BadRequest,

    /// <summary>Authentic, but its work could not be done now (WeChat or the vault failed): answer 503 so WeChat pushes again.</summary>
    RetryLater,
}

/// <summary>The receiver's verdict on a push, with a content-free reason (safe to log and return).</summary>
/// <param name="Reply">What to answer.</param>
/// <param name="Reason">Why, when not <see cref="PushReply.Success"/>.</param>
public sealed record PushReceipt(PushReply Reply, string? Reason = null)
{
    /// <summary>The body WeChat expects on success.</summary>
    public const string SuccessBody = "success";

    /// <summary>A handled push.</summary>
    public static PushReceipt Success { get; } = new(PushReply.Success);
}
