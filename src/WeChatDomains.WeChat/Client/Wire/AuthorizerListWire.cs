using System.Text.Json.Serialization;

namespace WeChatDomains.WeChat.Client.Wire;

/// <summary>Body of <c>api_get_authorizer_list</c>: <c>count</c> is at most 500.</summary>
internal sealed record AuthorizerListBody(
    [property: JsonPropertyName("component_appid")] string ComponentAppId,
    [property: JsonPropertyName("offset")] int Offset,
    [property: JsonPropertyName("count")] int Count);

/// <summary>Answer of <c>api_get_authorizer_list</c>. Holds refresh tokens: never logged.</summary>
internal sealed class AuthorizerListWire : WireResponse
{
    [JsonPropertyName("total_count")]
    public int? TotalCount { get; init; }

    [JsonPropertyName("list")]
    public List<AuthorizerListItemWire>? List { get; init; }
}

internal sealed class AuthorizerListItemWire
{
    [JsonPropertyName("authorizer_appid")]
    public string? AuthorizerAppId { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("auth_time")]
    public long? AuthTime { get; init; }
}
