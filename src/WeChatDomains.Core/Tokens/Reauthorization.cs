using WeChatDomains.Core.Status;

namespace WeChatDomains.Core.Tokens;

/// <summary>
/// When an authorizer is marked <see cref="AuthorizerState.NeedsReauthorization"/>: only on WeChat's own answers that the
/// authorization is gone (61023 invalid refresh token, 61003 not authorized, 42002 refresh token expired), never on an
/// outcome of ours (a secret missing from the vault is Transient), and never over <see cref="AuthorizerState.Revoked"/>.
/// </summary>
public static class Reauthorization
{
    /// <summary>True when WeChat's <paramref name="errorCode"/> means the merchant must authorize the platform again.</summary>
    public static bool IsRequiredBy(int errorCode) => errorCode is 61023 or 61003 or 42002;

    /// <summary>The state an authorizer in <paramref name="current"/> moves to after such an answer (Revoked stays Revoked).</summary>
    public static AuthorizerState After(AuthorizerState current) =>
        current == AuthorizerState.Revoked ? AuthorizerState.Revoked : AuthorizerState.NeedsReauthorization;
}
