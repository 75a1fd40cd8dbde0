using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Bench.Infra;

/// <summary>The domain family (issue 14): not used by the bench's scenarios.</summary>
internal sealed partial class SimulatedWeChat
{
    public Task<WeChatResult<PlatformServerDomains>> ModifyWxaServerDomainAsync(AccessToken componentToken, ModifyWxaServerDomainRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Not used by the bench.");

    public Task<WeChatResult<ConfirmFile>> GetDomainConfirmFileAsync(AccessToken componentToken, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Not used by the bench.");

    public Task<WeChatResult<WebviewDomains>> SetWebviewDomainDirectlyAsync(AccessToken authorizerToken, SetWebviewDomainRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Not used by the bench.");

    public Task<WeChatResult<ConfirmFile>> GetWebviewDomainConfirmFileAsync(AccessToken authorizerToken, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Not used by the bench.");

    public Task<WeChatResult<PrefetchDnsDomains>> GetPrefetchDnsDomainAsync(AccessToken authorizerToken, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Not used by the bench.");

    public Task<WeChatResult<PrefetchDnsDomainsSet>> SetPrefetchDnsDomainAsync(AccessToken authorizerToken, SetPrefetchDnsDomainRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Not used by the bench.");
}
