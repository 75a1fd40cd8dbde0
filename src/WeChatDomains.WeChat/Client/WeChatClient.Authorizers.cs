using WeChatDomains.WeChat.Client.Wire;

namespace WeChatDomains.WeChat.Client;

/// <summary>The platform-wide authorizer list (the one place WeChat hands a refresh token back).</summary>
public sealed partial class WeChatClient
{
    /// <inheritdoc />
    /// <remarks>
    /// Fields as WeChat documents them (<c>component_appid</c>, <c>offset</c>, <c>count</c> up to 500; answer
    /// <c>total_count</c> and <c>list</c> of <c>authorizer_appid</c>, <c>refresh_token</c>, <c>auth_time</c> in Unix seconds).
    /// </remarks>
    public Task<WeChatResult<AuthorizerList>> GetAuthorizerListAsync(
        AccessToken componentToken, AuthorizerListRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(request.Count, AuthorizerListRequest.MaxCount);
        var body = new AuthorizerListBody(request.ComponentAppId, request.Offset, request.Count);
        var call = Call(WeChatApi.GetAuthorizerList, WeChatClientConstants.ComponentAccessTokenParameter, componentToken, body, Json.AuthorizerListBody);
        return SendAsync(call, Json.AuthorizerListWire, ToModel, cancellationToken);
    }

    private static AuthorizerList? ToModel(AuthorizerListWire wire)
    {
        if (wire.TotalCount is not { } total)
        {
            return null;
        }

        var listed = (wire.List ?? [])
            .Where(i => !string.IsNullOrEmpty(i.AuthorizerAppId) && !string.IsNullOrEmpty(i.RefreshToken))
            .Select(i => new ListedAuthorizer(
                i.AuthorizerAppId!, i.RefreshToken!, i.AuthTime is { } at ? DateTimeOffset.FromUnixTimeSeconds(at) : null))
            .ToList();
        return new AuthorizerList(total, listed);
    }
}
