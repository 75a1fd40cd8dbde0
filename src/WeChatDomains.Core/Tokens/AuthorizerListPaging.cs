using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Tokens;

/// <summary>
/// Pages <c>api_get_authorizer_list</c> (at most 500 a call) with the component token, through the token wrapper.
/// It is the one place WeChat hands a refresh token back, so a refresh token missing from the vault is read from here.
/// </summary>
public static class AuthorizerListPaging
{
    /// <summary>
    /// Calls <paramref name="visit"/> for each listed authorizer, page by page, until it returns false or the list ends.
    /// Returns 0 when the walk finished (or was stopped by <paramref name="visit"/>), else the errcode that stopped it.
    /// </summary>
    public static async Task<int> VisitAuthorizersAsync(
        this ITokenProvider tokens, IWeChatClient client, string componentAppId, int pageSize,
        Func<ListedAuthorizer, CancellationToken, ValueTask<bool>> visit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(tokens);
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(visit);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(pageSize, AuthorizerListRequest.MaxCount);
        for (var offset = 0; ;)
        {
            var request = new AuthorizerListRequest(componentAppId, offset, pageSize);
            var result = await tokens.WithTokenAsync(TokenKey.Component, (token, ct) => client.GetAuthorizerListAsync(token, request, ct), cancellationToken)
                .ConfigureAwait(false);
            if (!result.IsSuccess)
            {
                return result.ErrorCode.Value == 0 ? TokenConstants.UnavailableErrorCode : result.ErrorCode.Value;
            }

            var page = result.Value!;
            foreach (var listed in page.Authorizers)
            {
                if (!await visit(listed, cancellationToken).ConfigureAwait(false))
                {
                    return 0;
                }
            }

            offset += page.Authorizers.Count;
            if (page.Authorizers.Count == 0 || offset >= page.TotalCount)
            {
                return 0;
            }
        }
    }
}
