namespace WeChatDomains.WeChat.Client;

/// <summary>Request of <c>api_get_authorizer_list</c>: one page from <paramref name="Offset"/>, <paramref name="Count"/> at most 500.</summary>
public sealed record AuthorizerListRequest(string ComponentAppId, int Offset, int Count)
{
    /// <summary>WeChat's largest page: 500.</summary>
    public const int MaxCount = 500;
}

/// <summary>One page of <c>api_get_authorizer_list</c>: how many authorizers there are in all, and this page's.</summary>
public sealed record AuthorizerList(int TotalCount, IReadOnlyList<ListedAuthorizer> Authorizers);

/// <summary>One authorizer as <c>api_get_authorizer_list</c> lists it, with its current refresh token.</summary>
public sealed record ListedAuthorizer(string AuthorizerAppId, string RefreshToken, DateTimeOffset? AuthorizedAt)
{
    /// <inheritdoc />
    public override string ToString() => $"ListedAuthorizer {{ AuthorizerAppId = {AuthorizerAppId}, AuthorizedAt = {AuthorizedAt} }}";
}
