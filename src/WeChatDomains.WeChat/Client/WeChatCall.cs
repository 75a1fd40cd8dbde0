namespace WeChatDomains.WeChat.Client;

/// <summary>One API call as the client sends it: the API, its token query parameter, the serialized body.</summary>
/// <param name="Api">Wire name of the API (<see cref="WeChatApi"/>).</param>
/// <param name="TokenParameter">The query parameter that carries <paramref name="Token"/>; null for none.</param>
/// <param name="Token">The token, or null for <c>api_component_token</c>.</param>
/// <param name="Body">The UTF-8 JSON body; never logged.</param>
/// <param name="RetryAmbiguous">Whether a timeout or a dropped connection after sending may be retried.</param>
/// <param name="IsGet">Whether WeChat documents the API as an HTTP GET (the body is then not sent).</param>
internal sealed record WeChatCall(string Api, string? TokenParameter, AccessToken? Token, byte[] Body, bool RetryAmbiguous, bool IsGet = false)
{
    /// <summary>The absolute URL under <paramref name="baseUrl"/>, with the token in the query.</summary>
    public Uri BuildUrl(Uri baseUrl)
    {
        var url = baseUrl.AbsoluteUri.TrimEnd('/') + WeChatApi.PathOf(Api);
        return Token is null || TokenParameter is null
            ? new Uri(url)
            : new Uri($"{url}?{TokenParameter}={Uri.EscapeDataString(Token.Value)}");
    }

    /// <inheritdoc />
    public override string ToString() => $"WeChatCall {{ Api = {Api} }}";
}
