using WeChatDomains.WeChat.Client.Wire;

namespace WeChatDomains.WeChat.Client;

/// <summary>The domain family's calls: the same pipeline, results and redacted logs as the seed APIs.</summary>
public sealed partial class WeChatClient
{
    /// <inheritdoc />
    public Task<WeChatResult<PlatformServerDomains>> ModifyWxaServerDomainAsync(AccessToken componentToken, ModifyWxaServerDomainRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = Call(
            WeChatApi.ModifyWxaServerDomain, WeChatClientConstants.AccessTokenParameter, componentToken, DomainFamilyMapper.ToBody(request), Json.ModifyWxaServerDomainBody, request.Action);
        return SendAsync(call, Json.PlatformServerDomainsWire, DomainFamilyMapper.ToModel, cancellationToken);
    }

    /// <inheritdoc />
    public Task<WeChatResult<ConfirmFile>> GetDomainConfirmFileAsync(AccessToken componentToken, CancellationToken cancellationToken = default)
    {
        var call = Call(WeChatApi.GetDomainConfirmFile, WeChatClientConstants.AccessTokenParameter, componentToken, new EmptyBody(), Json.EmptyBody);
        return SendAsync(call, Json.ConfirmFileWire, DomainFamilyMapper.ToModel, cancellationToken);
    }

    /// <inheritdoc />
    public Task<WeChatResult<WebviewDomains>> SetWebviewDomainDirectlyAsync(AccessToken authorizerToken, SetWebviewDomainRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new SetWebviewDomainBody(request.Action, request.WebviewDomain);
        var call = Call(WeChatApi.SetWebviewDomainDirectly, WeChatClientConstants.AccessTokenParameter, authorizerToken, body, Json.SetWebviewDomainBody, request.Action);
        return SendAsync(call, Json.WebviewDomainsWire, WireMapper.ToModel, cancellationToken);
    }

    /// <inheritdoc />
    public Task<WeChatResult<ConfirmFile>> GetWebviewDomainConfirmFileAsync(AccessToken authorizerToken, CancellationToken cancellationToken = default)
    {
        var call = Call(WeChatApi.GetWebviewDomainConfirmFile, WeChatClientConstants.AccessTokenParameter, authorizerToken, new EmptyBody(), Json.EmptyBody);
        return SendAsync(call, Json.ConfirmFileWire, DomainFamilyMapper.ToModel, cancellationToken);
    }

    /// <inheritdoc />
    public Task<WeChatResult<PrefetchDnsDomains>> GetPrefetchDnsDomainAsync(AccessToken authorizerToken, CancellationToken cancellationToken = default)
    {
        var call = Call(WeChatApi.GetPrefetchDnsDomain, WeChatClientConstants.AccessTokenParameter, authorizerToken, new EmptyBody(), Json.EmptyBody) with { IsGet = true };
        return SendAsync(call, Json.PrefetchDnsDomainsWire, DomainFamilyMapper.ToModel, cancellationToken);
    }

    /// <inheritdoc />
    public Task<WeChatResult<PrefetchDnsDomainsSet>> SetPrefetchDnsDomainAsync(AccessToken authorizerToken, SetPrefetchDnsDomainRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = Call(WeChatApi.SetPrefetchDnsDomain, WeChatClientConstants.AccessTokenParameter, authorizerToken, DomainFamilyMapper.ToBody(request), Json.SetPrefetchDnsDomainBody);
        return SendAsync(call, Json.StatusOnlyWire, _ => new PrefetchDnsDomainsSet(request.Urls), cancellationToken);
    }
}
