using System.Text.Json;
using System.Text.Json.Serialization;

namespace WeChatDomains.Client;

/// <summary>The API's JSON: camelCase, enums as strings.</summary>
internal static class ClientJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
    };
}

/// <summary>Problem details (RFC 9457) with the reasons of a refusal.</summary>
internal sealed record ProblemBody(string? Title, int? Status, string? Detail, IReadOnlyList<CommandError>? Errors);
