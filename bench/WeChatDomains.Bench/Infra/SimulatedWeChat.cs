using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Bench.Infra;

/// <summary>
/// An in-process WeChat for the sweep and overhead scenarios: every call answers success after <see cref="Latency"/>
/// on the given clock (none by default). Tokens last 7200 s; refresh tokens do not change, as WeChat usually does.
/// </summary>
internal sealed partial class SimulatedWeChat(TimeProvider time) : IWeChatClient
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(7200);
    private static readonly ServerDomains NoDomains = new() { RequestDomain = [], WsRequestDomain = [], UploadDomain = [], DownloadDomain = [] };
    private long _next;

    public TimeSpan Latency { get; init; }

    /// <summary>A new token, remembered nowhere (a simulated day at 100,000 authorizers issues over a million).</summary>
    public AccessToken Issue() =>
        new("simulated-token-" + Interlocked.Increment(ref _next).ToString(System.Globalization.CultureInfo.InvariantCulture));

    public Task<WeChatResult<ServerDomains>> ModifyDomainAsync(AccessToken authorizerToken, ModifyDomainRequest request, CancellationToken cancellationToken = default) =>
        AnswerAsync(request.Domains, cancellationToken);

    public Task<WeChatResult<ServerDomains>> ModifyDomainDirectlyAsync(AccessToken authorizerToken, ModifyDomainRequest request, CancellationToken cancellationToken = default) =>
        AnswerAsync(request.Domains, cancellationToken);

    public Task<WeChatResult<WebviewDomains>> SetWebviewDomainAsync(AccessToken authorizerToken, SetWebviewDomainRequest request, CancellationToken cancellationToken = default) =>
        AnswerAsync(new WebviewDomains(request.WebviewDomain ?? []), cancellationToken);

    public Task<WeChatResult<JumpDomains>> ModifyJumpDomainAsync(AccessToken componentToken, ModifyJumpDomainRequest request, CancellationToken cancellationToken = default) =>
        AnswerAsync(new JumpDomains(request.Domains ?? [], request.Domains ?? [], []), cancellationToken);

    public Task<WeChatResult<EffectiveDomains>> GetEffectiveDomainAsync(AccessToken authorizerToken, CancellationToken cancellationToken = default) =>
        AnswerAsync(new EffectiveDomains(NoDomains, NoDomains, NoDomains, NoDomains), cancellationToken);

    public Task<WeChatResult<EffectiveWebviewDomains>> GetEffectiveWebviewDomainAsync(AccessToken authorizerToken, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Not used by the bench.");

    public Task<WeChatResult<ComponentToken>> GetComponentTokenAsync(ComponentTokenRequest request, CancellationToken cancellationToken = default) =>
        AnswerAsync(new ComponentToken(Issue(), Lifetime), cancellationToken);

    public Task<WeChatResult<AuthorizerToken>> GetAuthorizerTokenAsync(AccessToken componentToken, AuthorizerTokenRequest request, CancellationToken cancellationToken = default) =>
        AnswerAsync(new AuthorizerToken(Issue(), Lifetime, request.AuthorizerRefreshToken), cancellationToken);

    public Task<WeChatResult<AuthorizationInfo>> QueryAuthAsync(AccessToken componentToken, QueryAuthRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Not used by the bench.");

    public Task<WeChatResult<AuthorizerList>> GetAuthorizerListAsync(AccessToken componentToken, AuthorizerListRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Not used by the bench.");

    private async Task<WeChatResult<T>> AnswerAsync<T>(T value, CancellationToken cancellationToken)
        where T : class
    {
        if (Latency > TimeSpan.Zero)
        {
            await Task.Delay(Latency, time, cancellationToken);
        }

        return new WeChatResult<T> { ErrorCode = WeChatErrorCode.Ok, ErrorMessage = "ok", Value = value, Latency = Latency, HttpStatus = 200 };
    }
}
