using WeChatDomains.Core.Tokens;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Execution;

/// <summary>
/// Settles whether a server-domain modification is in place by reading the authorizer's lists with a get (never a
/// quota-counted call): used before replaying an ambiguous modify call, and to tell 85017 "already there" from
/// 85017 "not registered". <c>add</c> is in place when every requested domain is present; <c>delete</c> when none is;
/// <c>set</c> when every list given equals the request.
/// </summary>
public sealed class AppliedCheck(IWeChatClient client, ITokenProvider tokens)
{
    /// <summary>True or false when the get answered; null when it could not be read.</summary>
    public async Task<bool?> IsInPlaceAsync(WeChatCall.ServerDomains call, string authorizerAppId, CancellationToken cancellationToken)
    {
        var result = await tokens.WithTokenAsync(TokenKey.Authorizer(authorizerAppId), client.GetEffectiveDomainAsync, cancellationToken);
        if (!result.IsSuccess)
        {
            return null;
        }

        var current = call.ApiName == WeChatApi.ModifyDomainDirectly ? result.Value!.Direct : result.Value!.Third;
        return Matches(call.Request, current);
    }

    /// <summary>Whether <paramref name="current"/> already reflects <paramref name="request"/>.</summary>
    public static bool Matches(ModifyDomainRequest request, ServerDomains current) =>
        Pairs(request.Domains, current).All(pair => ListMatches(request.Action, pair.Requested, pair.Current));

    private static bool ListMatches(string action, IReadOnlyList<string>? requested, IReadOnlyList<string>? current)
    {
        if (requested is null)
        {
            return true;
        }

        var have = new HashSet<string>((current ?? []).Select(Normalize), StringComparer.Ordinal);
        var want = requested.Select(Normalize).ToHashSet(StringComparer.Ordinal);
        return action switch
        {
            DomainAction.Add => want.IsSubsetOf(have),
            DomainAction.Delete => !want.Overlaps(have),
            DomainAction.Set => want.SetEquals(have),
            _ => true,
        };
    }

    private static IEnumerable<(IReadOnlyList<string>? Requested, IReadOnlyList<string>? Current)> Pairs(ServerDomains requested, ServerDomains current)
    {
        yield return (requested.RequestDomain, current.RequestDomain);
        yield return (requested.WsRequestDomain, current.WsRequestDomain);
        yield return (requested.UploadDomain, current.UploadDomain);
        yield return (requested.DownloadDomain, current.DownloadDomain);
        yield return (requested.UdpDomain, current.UdpDomain);
        yield return (requested.TcpDomain, current.TcpDomain);
    }

    private static string Normalize(string domain) => domain.Trim().TrimEnd('/').ToLowerInvariant();
}
