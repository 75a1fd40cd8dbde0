using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Core.Tokens;

/// <summary>
/// The token wrapper every WeChat call goes through: it owns the TokenInvalid class (40001, 40014, 42001) of DESIGN
/// section 4. It gets the token, calls, and when WeChat refuses the token it refreshes it (expiring it only if it is
/// still the one that failed) and replays the call exactly once. The replay's outcome is returned as it is.
/// </summary>
public static class TokenCallExtensions
{
    /// <summary>Calls <paramref name="call"/> with the token of <paramref name="key"/>, replaying once after a token refusal.</summary>
    /// <typeparam name="T">The typed response.</typeparam>
    /// <param name="tokens">The token provider.</param>
    /// <param name="key">Whose token the call needs.</param>
    /// <param name="call">The WeChat call.</param>
    /// <param name="cancellationToken">Cancels the lookup and the call.</param>
    /// <returns>The call's result, or a result carrying the lookup's errcode when no token could be had (nothing was sent).</returns>
    public static async Task<WeChatResult<T>> WithTokenAsync<T>(
        this ITokenProvider tokens, TokenKey key, Func<AccessToken, CancellationToken, Task<WeChatResult<T>>> call, CancellationToken cancellationToken = default)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(call);
        var lookup = key.IsComponent
            ? await tokens.GetComponentTokenAsync(cancellationToken).ConfigureAwait(false)
            : await tokens.GetAuthorizerTokenAsync(key.AuthorizerAppId!, cancellationToken).ConfigureAwait(false);
        if (lookup.Token is null)
        {
            return NoToken<T>(lookup);
        }

        var result = await call(lookup.Token, cancellationToken).ConfigureAwait(false);
        if (result.ErrorCode.Class != WeChatErrorClass.TokenInvalid)
        {
            return result;
        }

        var renewed = await tokens.RefreshAfterRejectionAsync(key, lookup.Token, cancellationToken).ConfigureAwait(false);
        if (renewed.Token is null)
        {
            return NoToken<T>(renewed);
        }

        var replay = await call(renewed.Token, cancellationToken).ConfigureAwait(false);
        return replay with { Attempts = result.Attempts + replay.Attempts, Latency = result.Latency + replay.Latency };
    }

    private static WeChatResult<T> NoToken<T>(TokenLookup lookup)
        where T : class => new()
        {
            ErrorCode = lookup.ErrorCode,
            ErrorMessage = $"no access token: {lookup.Error}",
            RequestSent = false,
        };
}
