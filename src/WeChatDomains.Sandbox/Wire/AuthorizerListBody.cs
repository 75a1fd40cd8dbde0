using System.Text.Json.Serialization;

namespace WeChatDomains.Sandbox.Wire;

/// <summary>Body of <c>api_get_authorizer_list</c>.</summary>
internal sealed class AuthorizerListBody
{
    [JsonPropertyName("component_appid")] public string? ComponentAppId { get; init; }

    [JsonPropertyName("offset")] public int? Offset { get; init; }

    [JsonPropertyName("count")] public int? Count { get; init; }
}
