using WeChatDomains.Core.Tokens;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Execution;

/// <summary>
/// Makes a command's WeChat call with the right token through <see cref="TokenCallExtensions.WithTokenAsync{T}"/>, the
/// one owner of token refusals (refresh and replay once). A token that cannot be had is an outcome, not an exception.
/// </summary>
public sealed class CommandExecutor(IWeChatClient client, ITokenProvider tokens)
{
    /// <summary>Calls WeChat for <paramref name="call"/> on behalf of <paramref name="authorizerAppId"/> (null for platform calls).</summary>
    public async Task<CallOutcome> ExecuteAsync(WeChatCall call, string? authorizerAppId, CancellationToken cancellationToken)
    {
        var key = authorizerAppId is null ? TokenKey.Component : TokenKey.Authorizer(authorizerAppId);
        return call switch
        {
            WeChatCall.ServerDomains { ApiName: WeChatApi.ModifyDomainDirectly } s =>
                CallOutcome.From(await tokens.WithTokenAsync(key, (t, ct) => client.ModifyDomainDirectlyAsync(t, s.Request, ct), cancellationToken)),
            WeChatCall.ServerDomains s =>
                CallOutcome.From(await tokens.WithTokenAsync(key, (t, ct) => client.ModifyDomainAsync(t, s.Request, ct), cancellationToken)),
            WeChatCall.Webview w =>
                CallOutcome.From(await tokens.WithTokenAsync(key, (t, ct) => client.SetWebviewDomainAsync(t, w.Request, ct), cancellationToken)),
            WeChatCall.JumpDomains j =>
                CallOutcome.From(await tokens.WithTokenAsync(key, (t, ct) => client.ModifyJumpDomainAsync(t, j.Request, ct), cancellationToken)),
            WeChatCall.EffectiveDomains =>
                CallOutcome.From(await tokens.WithTokenAsync(key, client.GetEffectiveDomainAsync, cancellationToken)),
            WeChatCall.EffectiveWebviewDomains =>
                CallOutcome.From(await tokens.WithTokenAsync(key, client.GetEffectiveWebviewDomainAsync, cancellationToken)),
            WeChatCall.PlatformServerDomains p =>
                CallOutcome.From(await tokens.WithTokenAsync(key, (t, ct) => client.ModifyWxaServerDomainAsync(t, p.Request, ct), cancellationToken)),
            WeChatCall.WebviewDirectly w =>
                CallOutcome.From(await tokens.WithTokenAsync(key, (t, ct) => client.SetWebviewDomainDirectlyAsync(t, w.Request, ct), cancellationToken)),
            WeChatCall.PrefetchDomains p =>
                CallOutcome.From(await tokens.WithTokenAsync(key, (t, ct) => client.SetPrefetchDnsDomainAsync(t, p.Request, ct), cancellationToken)),
            WeChatCall.Read { ApiName: WeChatApi.GetDomainConfirmFile } =>
                CallOutcome.From(await tokens.WithTokenAsync(key, client.GetDomainConfirmFileAsync, cancellationToken)),
            WeChatCall.Read { ApiName: WeChatApi.GetWebviewDomainConfirmFile } =>
                CallOutcome.From(await tokens.WithTokenAsync(key, client.GetWebviewDomainConfirmFileAsync, cancellationToken)),
            WeChatCall.Read { ApiName: WeChatApi.GetPrefetchDnsDomain } =>
                CallOutcome.From(await tokens.WithTokenAsync(key, client.GetPrefetchDnsDomainAsync, cancellationToken)),
            _ => throw new ArgumentOutOfRangeException(nameof(call), call.GetType().Name, "Unknown call."),
        };
    }
}
