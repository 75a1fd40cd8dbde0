namespace WeChatDomains.Sandbox.Wire;

/// <summary>
/// A WeChat call that passed the token check and body parsing. <see cref="Subject"/> is the appid the token belongs
/// to (the component's or the authorizer's), empty for the token-less api.
/// </summary>
internal sealed record ApiRequest<TBody>(TBody Body, string Subject, DateTimeOffset Now, int Month);
