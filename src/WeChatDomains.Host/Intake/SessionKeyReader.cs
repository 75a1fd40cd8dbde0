using System.Text.Json;
using WeChatDomains.Core.Processing;

namespace WeChatDomains.Host.Intake;

/// <summary>
/// A Storage Queue message has no session id, so the Host reads it from the command: the top-level
/// <c>authorizerAppId</c>, or <c>component</c> for platform-level commands. Validation is Core's job; this only looks.
/// </summary>
public static class SessionKeyReader
{
    private const string AuthorizerProperty = "authorizerAppId";

    /// <summary>The session key of <paramref name="utf8Json"/>, or null when it is not a JSON object.</summary>
    public static string? Read(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            var reader = new Utf8JsonReader(utf8Json);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return null;
            }

            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isAuthorizer = reader.ValueTextEquals(AuthorizerProperty);
                reader.Read();
                if (isAuthorizer && reader.TokenType == JsonTokenType.String)
                {
                    var value = reader.GetString();
                    return string.IsNullOrWhiteSpace(value) ? ProcessingConstants.ComponentKey : value;
                }

                reader.Skip();
            }

            return ProcessingConstants.ComponentKey;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a value that is not UTF-8 (issue 8); Core rejects the message.
            return null;
        }
    }
}
