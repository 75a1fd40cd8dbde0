using WeChatDomains.Core.Tokens;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Core.Execution;

/// <summary>
/// Makes a command's WeChat call with the right token. On a token errcode (40001/40014/42001) the token provider
/// expires the token if it is still the one that failed, refreshes it, and the call is replayed once; a second
/// refusal is left to the Transient rules. A token that cannot be had is an outcome (its errcode), not an exception.
/// </summary>
public sealed class CommandExecutor(IWeChatClient client, ITokenProvider tokens)
{
    /// <summary>Calls WeChat for <paramref name="call"/> on behalf of <paramref name="authorizerAppId"/> (null for platform calls).</summary>
    public async Task<CallOutcome> ExecuteAsync(WeChatCall call, string? authorizerAppId, CancellationToken cancellationToken)
    {
        var key = authorizerAppId is null ? TokenKey.Component : TokenKey.Authorizer(authorizerAppId);
        var lookup = key.IsComponent
            ? await tokens.GetComponentTokenAsync(cancellationToken)
            : await tokens.GetAuthorizerTokenAsync(authorizerAppId!, cancellationToken);
        if (lookup.Token is null)
        {
            return NoToken(lookup);
        }

        var outcome = await SendAsync(call, lookup.Token, cancellationToken);
        if (outcome.ErrorCode.Class != WeChatErrorClass.TokenInvalid)
        {
            return outcome;
        }

        var refreshed = await tokens.RefreshAfterRejectionAsync(key, lookup.Token, cancellationToken);
        if (refreshed.Token is null)
        {
            return NoToken(refreshed);
        }

        var replay = await SendAsync(call, refreshed.Token, cancellationToken);
        return replay with { HttpAttempts = replay.HttpAttempts + outcome.HttpAttempts, Latency = replay.Latency + outcome.Latency };
    }

    private async Task<CallOutcome> SendAsync(WeChatCall call, AccessToken token, CancellationToken cancellationToken) => call switch
    {
        WeChatCall.ServerDomains { ApiName: WeChatApi.ModifyDomainDirectly } s =>
            CallOutcome.From(await client.ModifyDomainDirectlyAsync(token, s.Request, cancellationToken)),
        WeChatCall.ServerDomains s => CallOutcome.From(await client.ModifyDomainAsync(token, s.Request, cancellationToken)),
        WeChatCall.Webview w => CallOutcome.From(await client.SetWebviewDomainAsync(token, w.Request, cancellationToken)),
        WeChatCall.JumpDomains j => CallOutcome.From(await client.ModifyJumpDomainAsync(token, j.Request, cancellationToken)),
        WeChatCall.EffectiveDomains => CallOutcome.From(await client.GetEffectiveDomainAsync(token, cancellationToken)),
        WeChatCall.EffectiveWebviewDomains => CallOutcome.From(await client.GetEffectiveWebviewDomainAsync(token, cancellationToken)),
        _ => throw new ArgumentOutOfRangeException(nameof(call), call.GetType().Name, "Unknown call."),
    };

    private static CallOutcome NoToken(TokenLookup lookup) => new()
    {
        ErrorCode = lookup.ErrorCode == 0 ? WeChatErrorCode.SystemBusy : lookup.ErrorCode,
        ErrorMessage = "no access token: " + (lookup.Error ?? "unavailable"),
        NoToken = true,
    };
}
