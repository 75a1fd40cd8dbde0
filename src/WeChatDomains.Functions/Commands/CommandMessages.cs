using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Azure.Messaging.ServiceBus;
using WeChatDomains.Core.Processing;

namespace WeChatDomains.Functions.Commands;

/// <summary>
/// Builds the Service Bus messages the app sends onto the commands queue. Every message carries the command body as
/// received (DESIGN section 2), <c>SessionId</c> = the authorizer appid or <c>component</c>, and a <c>MessageId</c>
/// chosen for the queue's duplicate detection:
/// <list type="bullet">
/// <item>a submission: the commandId (a repeated submission inside the window is dropped by Service Bus);</item>
/// <item>a release of a Deferred command: commandId + the minute of the release run (two instances releasing in the same
/// minute collapse into one, and a release is never mistaken for the original submission);</item>
/// <item>a delayed retry: the original id + the retry generation (a crash between scheduling and completing
/// re-schedules the same id, which duplicate detection drops).</item>
/// </list>
/// Ids longer than Service Bus allows keep their suffix and hash the rest.
/// </summary>
public static class CommandMessages
{
    /// <summary>Content type of every command message.</summary>
    public const string ContentType = "application/json";

    /// <summary>Subject of every command message.</summary>
    public const string Subject = "wechatdomains.command";

    /// <summary>Application property: the commandId.</summary>
    public const string CommandIdProperty = "commandId";

    /// <summary>Application property: the MessageId of the first message of a retried command.</summary>
    public const string OriginalMessageIdProperty = "originalMessageId";

    /// <summary>Application property: how many delayed retries led to this message.</summary>
    public const string RetryGenerationProperty = "retryGeneration";

    /// <summary>A new submission.</summary>
    public static ServiceBusMessage ForSubmission(OutboundCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Create(command.Body, command.SessionKey, command.CommandId, command.CommandId);
    }

    /// <summary>A due Deferred command put back on the queue by the release run at <paramref name="runAt"/>.</summary>
    public static ServiceBusMessage ForRelease(OutboundCommand command, DateTimeOffset runAt)
    {
        ArgumentNullException.ThrowIfNull(command);
        var minute = runAt.UtcDateTime.ToString("yyyyMMddHHmm", CultureInfo.InvariantCulture);
        return Create(command.Body, command.SessionKey, command.CommandId, DeriveId(command.CommandId, "release-" + minute));
    }

    /// <summary>The copy of <paramref name="received"/> that a delayed retry schedules: same session and body, next generation.</summary>
    public static ServiceBusMessage ForRetry(ServiceBusReceivedMessage received)
    {
        ArgumentNullException.ThrowIfNull(received);
        var original = Property(received, OriginalMessageIdProperty) ?? received.MessageId;
        var generation = int.TryParse(Property(received, RetryGenerationProperty), NumberStyles.None, CultureInfo.InvariantCulture, out var g) ? g + 1 : 1;
        var commandId = Property(received, CommandIdProperty) ?? original;
        var message = Create(received.Body.ToMemory(), received.SessionId, commandId, DeriveId(original, "retry-" + generation.ToString(CultureInfo.InvariantCulture)));
        message.ApplicationProperties[OriginalMessageIdProperty] = original;
        message.ApplicationProperties[RetryGenerationProperty] = generation.ToString(CultureInfo.InvariantCulture);
        return message;
    }

    /// <summary><paramref name="baseId"/> + <c>~</c> + <paramref name="suffix"/>, hashing the base when the whole would be too long.</summary>
    public static string DeriveId(string baseId, string suffix)
    {
        ArgumentNullException.ThrowIfNull(baseId);
        ArgumentNullException.ThrowIfNull(suffix);
        var id = baseId + "~" + suffix;
        if (id.Length <= FunctionsConstants.MaxMessageIdLength)
        {
            return id;
        }

        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(baseId)));
        return hash + "~" + suffix;
    }

    private static ServiceBusMessage Create(ReadOnlyMemory<byte> body, string sessionId, string commandId, string messageId)
    {
        var message = new ServiceBusMessage(body)
        {
            MessageId = messageId,
            SessionId = sessionId,
            ContentType = ContentType,
            Subject = Subject,
        };
        message.ApplicationProperties[CommandIdProperty] = commandId;
        return message;
    }

    private static string? Property(ServiceBusReceivedMessage message, string name) =>
        message.ApplicationProperties is not null && message.ApplicationProperties.TryGetValue(name, out var value) && value is not null
            ? Convert.ToString(value, CultureInfo.InvariantCulture)
            : null;
}
