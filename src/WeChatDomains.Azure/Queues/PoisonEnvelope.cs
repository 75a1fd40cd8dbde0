using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WeChatDomains.Azure.Queues;

/// <summary>
/// What the poison queue holds for a dead-lettered command message: why, when, and the original body (as text when it
/// is UTF-8, as Base64 otherwise; omitted when the envelope would not fit in a queue message).
/// </summary>
public sealed record PoisonEnvelope(
    string MessageId,
    int DequeueCount,
    string Reason,
    string Description,
    DateTimeOffset DeadLetteredAt,
    string? Body,
    string? BodyBase64,
    bool BodyOmitted)
{
    /// <summary>Largest envelope kept whole: a queue message holds 64 KiB of Base64 text, so 48 KiB of bytes.</summary>
    public const int MaxBytes = 48 * 1024;

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Builds the envelope of <paramref name="message"/> and serializes it to UTF-8 JSON that fits in a message.</summary>
    public static byte[] Serialize(QueuedCommand message, string reason, string description, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(message);
        var (text, base64) = BodyOf(message.Body);
        var envelope = new PoisonEnvelope(message.MessageId, message.DequeueCount, reason, description, at, text, base64, false);
        var bytes = JsonSerializer.SerializeToUtf8Bytes(envelope, JsonOptions);
        if (bytes.Length <= MaxBytes)
        {
            return bytes;
        }

        var trimmed = Trim(description, MaxBytes / 2);
        return JsonSerializer.SerializeToUtf8Bytes(envelope with { Description = trimmed, Body = null, BodyBase64 = null, BodyOmitted = true }, JsonOptions);
    }

    /// <summary>Reads an envelope back.</summary>
    public static PoisonEnvelope? Deserialize(ReadOnlySpan<byte> utf8Json) => JsonSerializer.Deserialize<PoisonEnvelope>(utf8Json, JsonOptions);

    private static (string? Text, string? Base64) BodyOf(ReadOnlyMemory<byte> body)
    {
        try
        {
            return (StrictUtf8.GetString(body.Span), null);
        }
        catch (DecoderFallbackException)
        {
            return (null, Convert.ToBase64String(body.Span));
        }
    }

    private static string Trim(string value, int maxChars) => value.Length <= maxChars ? value : value[..maxChars] + "…";
}
