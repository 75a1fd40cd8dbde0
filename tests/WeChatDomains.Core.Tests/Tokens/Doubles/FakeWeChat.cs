using System.Collections.Concurrent;
using System.Globalization;
using Moq;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Tests.Tokens.Doubles;

/// <summary>
/// A Moq'd <see cref="IWeChatClient"/> that issues tokens as WeChat does (valid 7200 s from the fake now), remembers
/// them, and refuses an unknown or expired component token with 40001.
/// </summary>
internal sealed class FakeWeChat
{
    public static readonly TimeSpan TokenLifetime = TimeSpan.FromSeconds(7200);

    private readonly ConcurrentDictionary<string, DateTimeOffset> _issued = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _refreshTokens = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;
    private int _serial;
    private int _componentCalls;
    private int _authorizerCalls;
    private int _listCalls;

    public FakeWeChat(TimeProvider time)
    {
        _time = time;
        Mock.Setup(c => c.GetComponentTokenAsync(It.IsAny<ComponentTokenRequest>(), It.IsAny<CancellationToken>()))
            .Returns((ComponentTokenRequest r, CancellationToken _) => IssueComponentAsync(r));
        Mock.Setup(c => c.GetAuthorizerTokenAsync(It.IsAny<AccessToken>(), It.IsAny<AuthorizerTokenRequest>(), It.IsAny<CancellationToken>()))
            .Returns((AccessToken t, AuthorizerTokenRequest r, CancellationToken _) => IssueAuthorizerAsync(t, r));
        Mock.Setup(c => c.GetAuthorizerListAsync(It.IsAny<AccessToken>(), It.IsAny<AuthorizerListRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((AccessToken t, AuthorizerListRequest r, CancellationToken _) => ListAuthorizers(t, r));
    }

    /// <summary>What api_get_authorizer_list lists: appid to its current refresh token.</summary>
    public ConcurrentDictionary<string, string> Listed { get; } = new(StringComparer.Ordinal);

    public int ListCalls => Volatile.Read(ref _listCalls);

    public Mock<IWeChatClient> Mock { get; } = new(MockBehavior.Strict);

    public int ComponentCalls => Volatile.Read(ref _componentCalls);

    public int AuthorizerCalls => Volatile.Read(ref _authorizerCalls);

    /// <summary>errcode api_authorizer_token answers for an appid (0: issue).</summary>
    public Func<string, int> AuthorizerErrorCode { get; set; } = _ => 0;

    /// <summary>Refresh tokens api_authorizer_token refuses with 61023 (replaced by a new authorization).</summary>
    public ConcurrentDictionary<string, bool> InvalidRefreshTokens { get; } = new(StringComparer.Ordinal);

    /// <summary>errcode api_component_token answers (0: issue).</summary>
    public Func<int> ComponentErrorCode { get; set; } = () => 0;

    /// <summary>Whether api_authorizer_token hands out a new refresh token each time.</summary>
    public bool RotateRefreshTokens { get; set; }

    /// <summary>Awaited before a token is issued (to hold a refresh in flight).</summary>
    public Task Gate { get; set; } = Task.CompletedTask;

    public bool IsValid(AccessToken token) => _issued.TryGetValue(token.Value, out var expiresAt) && expiresAt > _time.GetUtcNow();

    public IReadOnlyCollection<string> IssuedValues => [.. _issued.Keys];

    /// <summary>Makes WeChat know a token (seeding a state as if issued earlier).</summary>
    public AccessToken Know(string prefix, DateTimeOffset expiresAt)
    {
        var token = new AccessToken(NextValue(prefix));
        _issued[token.Value] = expiresAt;
        return token;
    }

    public void Revoke(AccessToken token) => _issued.TryRemove(token.Value, out _);

    public static WeChatResult<T> Ok<T>(T value)
        where T : class => new() { ErrorCode = 0, ErrorMessage = "ok", Value = value };

    public static WeChatResult<T> Error<T>(int code)
        where T : class => new() { ErrorCode = code, ErrorMessage = $"errcode {code} rid: 64f0-test" };

    private async Task<WeChatResult<ComponentToken>> IssueComponentAsync(ComponentTokenRequest request)
    {
        Interlocked.Increment(ref _componentCalls);
        await Gate.ConfigureAwait(false);
        var code = ComponentErrorCode();
        if (code != 0)
        {
            return Error<ComponentToken>(code);
        }

        var token = Know("component-secret-token-", _time.GetUtcNow() + TokenLifetime);
        return Ok(new ComponentToken(token, TokenLifetime));
    }

    private async Task<WeChatResult<AuthorizerToken>> IssueAuthorizerAsync(AccessToken componentToken, AuthorizerTokenRequest request)
    {
        Interlocked.Increment(ref _authorizerCalls);
        await Gate.ConfigureAwait(false);
        if (!IsValid(componentToken))
        {
            return Error<AuthorizerToken>(40001);
        }

        var code = InvalidRefreshTokens.ContainsKey(request.AuthorizerRefreshToken) ? 61023 : AuthorizerErrorCode(request.AuthorizerAppId);
        if (code != 0)
        {
            return Error<AuthorizerToken>(code);
        }

        var refresh = RotateRefreshTokens
            ? NextValue($"refresh-secret-{request.AuthorizerAppId}-")
            : _refreshTokens.GetOrAdd(request.AuthorizerAppId, request.AuthorizerRefreshToken);
        var token = Know($"authorizer-secret-token-{request.AuthorizerAppId}-", _time.GetUtcNow() + TokenLifetime);
        return Ok(new AuthorizerToken(token, TokenLifetime, refresh));
    }

    private WeChatResult<AuthorizerList> ListAuthorizers(AccessToken componentToken, AuthorizerListRequest request)
    {
        Interlocked.Increment(ref _listCalls);
        if (!IsValid(componentToken))
        {
            return Error<AuthorizerList>(40001);
        }

        var all = Listed.OrderBy(p => p.Key, StringComparer.Ordinal).ToList();
        var page = all.Skip(request.Offset).Take(request.Count).Select(p => new ListedAuthorizer(p.Key, p.Value, null)).ToList();
        return Ok(new AuthorizerList(all.Count, page));
    }

    private string NextValue(string prefix) =>
        prefix + Interlocked.Increment(ref _serial).ToString("D6", CultureInfo.InvariantCulture);
}
