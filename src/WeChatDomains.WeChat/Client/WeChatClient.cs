using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;
using WeChatDomains.WeChat.Client.Wire;

namespace WeChatDomains.WeChat.Client;

/// <summary>
/// <see cref="IWeChatClient"/> over a typed <see cref="HttpClient"/> and the resilience pipeline registered under
/// <see cref="WeChatClientConstants.PipelineKey"/>. Errcodes and transport faults come back as results; only
/// cancellation through the caller's token throws. Retries follow <see cref="WeChatRetryPolicy"/>: HTTP 5xx, errcode
/// -1 and unsent requests are retried for every API; timeouts and connections dropped after sending are retried only
/// for calls that change nothing, so a quota-counted modify call is never sent twice by the client (its ambiguous
/// result has <see cref="WeChatResult{T}.RequestSent"/> set, and the caller settles it with a get).
/// </summary>
public sealed partial class WeChatClient : IWeChatClient
{
    private static readonly WeChatJsonContext Json = WeChatJsonContext.Default;

    private readonly HttpClient _http;
    private readonly Uri _baseUrl;
    private readonly ResiliencePipeline<WeChatAttempt> _pipeline;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<WeChatClient> _logger;

    /// <summary>Creates the client; registered by <c>AddWeChatClient</c>.</summary>
    public WeChatClient(
        HttpClient httpClient,
        IOptions<WeChatClientOptions> options,
        ResiliencePipelineProvider<string> pipelines,
        TimeProvider timeProvider,
        ILogger<WeChatClient> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pipelines);
        _http = httpClient ?? throw new ArgumentNullException(nameof(httpClient));
        _baseUrl = options.Value.BaseUrl;
        _pipeline = pipelines.GetPipeline<WeChatAttempt>(WeChatClientConstants.PipelineKey);
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <inheritdoc />
    public Task<WeChatResult<ServerDomains>> ModifyDomainAsync(AccessToken authorizerToken, ModifyDomainRequest request, CancellationToken cancellationToken = default) =>
        ModifyServerDomainsAsync(WeChatApi.ModifyDomain, authorizerToken, request, cancellationToken);

    /// <inheritdoc />
    public Task<WeChatResult<ServerDomains>> ModifyDomainDirectlyAsync(AccessToken authorizerToken, ModifyDomainRequest request, CancellationToken cancellationToken = default) =>
        ModifyServerDomainsAsync(WeChatApi.ModifyDomainDirectly, authorizerToken, request, cancellationToken);

    /// <inheritdoc />
    public Task<WeChatResult<WebviewDomains>> SetWebviewDomainAsync(AccessToken authorizerToken, SetWebviewDomainRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new SetWebviewDomainBody(request.Action, request.WebviewDomain);
        var call = Call(WeChatApi.SetWebviewDomain, WeChatClientConstants.AccessTokenParameter, authorizerToken, body, Json.SetWebviewDomainBody, request.Action);
        return SendAsync(call, Json.WebviewDomainsWire, WireMapper.ToModel, cancellationToken);
    }

    /// <inheritdoc />
    public Task<WeChatResult<JumpDomains>> ModifyJumpDomainAsync(AccessToken componentToken, ModifyJumpDomainRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = Call(
            WeChatApi.ModifyWxaJumpDomain, WeChatClientConstants.AccessTokenParameter, componentToken, WireMapper.ToBody(request), Json.ModifyJumpDomainBody, request.Action);
        return SendAsync(call, Json.JumpDomainsWire, WireMapper.ToModel, cancellationToken);
    }

    /// <inheritdoc />
    public Task<WeChatResult<EffectiveDomains>> GetEffectiveDomainAsync(AccessToken authorizerToken, CancellationToken cancellationToken = default)
    {
        var call = Call(WeChatApi.GetEffectiveDomain, WeChatClientConstants.AccessTokenParameter, authorizerToken, new EmptyBody(), Json.EmptyBody);
        return SendAsync(call, Json.EffectiveDomainsWire, WireMapper.ToModel, cancellationToken);
    }

    /// <inheritdoc />
    public Task<WeChatResult<EffectiveWebviewDomains>> GetEffectiveWebviewDomainAsync(AccessToken authorizerToken, CancellationToken cancellationToken = default)
    {
        var call = Call(WeChatApi.GetEffectiveWebviewDomain, WeChatClientConstants.AccessTokenParameter, authorizerToken, new EmptyBody(), Json.EmptyBody);
        return SendAsync(call, Json.EffectiveWebviewDomainsWire, WireMapper.ToModel, cancellationToken);
    }

    /// <inheritdoc />
    public Task<WeChatResult<ComponentToken>> GetComponentTokenAsync(ComponentTokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new ComponentTokenBody(request.ComponentAppId, request.ComponentAppSecret, request.ComponentVerifyTicket);
        var call = new WeChatCall(
            WeChatApi.ComponentToken, TokenParameter: null, Token: null, JsonSerializer.SerializeToUtf8Bytes(body, Json.ComponentTokenBody), RetryAmbiguous: true);
        return SendAsync(call, Json.ComponentTokenWire, WireMapper.ToModel, cancellationToken);
    }

    /// <inheritdoc />
    public Task<WeChatResult<AuthorizerToken>> GetAuthorizerTokenAsync(AccessToken componentToken, AuthorizerTokenRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new AuthorizerTokenBody(request.ComponentAppId, request.AuthorizerAppId, request.AuthorizerRefreshToken);
        var call = Call(WeChatApi.AuthorizerToken, WeChatClientConstants.ComponentAccessTokenParameter, componentToken, body, Json.AuthorizerTokenBody);
        return SendAsync(call, Json.AuthorizerTokenWire, WireMapper.ToModel, cancellationToken);
    }

    /// <inheritdoc />
    public Task<WeChatResult<AuthorizationInfo>> QueryAuthAsync(AccessToken componentToken, QueryAuthRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = new QueryAuthBody(request.ComponentAppId, request.AuthorizationCode);
        var call = Call(WeChatApi.QueryAuth, WeChatClientConstants.ComponentAccessTokenParameter, componentToken, body, Json.QueryAuthBody);
        return SendAsync(call, Json.QueryAuthWire, WireMapper.ToModel, cancellationToken);
    }

    private Task<WeChatResult<ServerDomains>> ModifyServerDomainsAsync(
        string api, AccessToken authorizerToken, ModifyDomainRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = Call(api, WeChatClientConstants.AccessTokenParameter, authorizerToken, WireMapper.ToBody(request), Json.ModifyDomainBody, request.Action);
        return SendAsync(call, Json.ServerDomainsWire, WireMapper.ToModel, cancellationToken);
    }

    private static WeChatCall Call<TBody>(
        string api, string tokenParameter, AccessToken token, TBody body, JsonTypeInfo<TBody> bodyType, string? action = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        return new WeChatCall(
            api, tokenParameter, token, JsonSerializer.SerializeToUtf8Bytes(body, bodyType), WeChatRetryPolicy.RetriesAmbiguous(api, action));
    }
}
