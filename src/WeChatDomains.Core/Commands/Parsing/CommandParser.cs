using System.Buffers;
using System.Text;
using System.Text.Json;

namespace WeChatDomains.Core.Commands;

/// <summary>
/// Parses and validates a command message (UTF-8 JSON, DESIGN section 2) before anything calls WeChat. The answer is a
/// result, never an exception: a valid, normalized <see cref="DomainCommand"/>, or every reason to reject it.
/// </summary>
public static class CommandParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = CommandConstants.MaxJsonDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>Parses a message held in memory.</summary>
    public static CommandParseResult Parse(ReadOnlySpan<byte> utf8)
    {
        var errors = new ValidationErrors();
        using var document = ReadDocument(utf8, errors);
        if (document is null)
        {
            return CommandParseResult.Rejected(errors.Items);
        }

        var command = EnvelopeParser.Parse(document.RootElement, errors);
        return errors.Count == 0 && command is not null
            ? CommandParseResult.Valid(command)
            : CommandParseResult.Rejected(errors.Items);
    }

    /// <summary>Parses a message held in memory.</summary>
    public static CommandParseResult Parse(ReadOnlyMemory<byte> utf8) => Parse(utf8.Span);

    /// <summary>
    /// Reads at most <see cref="CommandConstants.MaxMessageBytes"/> + 1 bytes from <paramref name="stream"/> and parses
    /// them; a longer message is rejected without reading the rest.
    /// </summary>
    public static async Task<CommandParseResult> ParseAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var buffer = ArrayPool<byte>.Shared.Rent(CommandConstants.MaxMessageBytes + 1);
        try
        {
            var length = 0;
            int read;
            while (length < CommandConstants.MaxMessageBytes + 1 &&
                   (read = await stream.ReadAsync(buffer.AsMemory(length, CommandConstants.MaxMessageBytes + 1 - length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            return Parse(buffer.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static JsonDocument? ReadDocument(ReadOnlySpan<byte> utf8, ValidationErrors errors)
    {
        const string path = ValidationError.MessagePath;
        if (utf8.Length > CommandConstants.MaxMessageBytes)
        {
            errors.Add(path, $"message is larger than {CommandConstants.MaxMessageBytes} bytes ({utf8.Length} received)");
            return null;
        }

        if (utf8.StartsWith(Encoding.UTF8.Preamble))
        {
            utf8 = utf8[Encoding.UTF8.Preamble.Length..];
        }

        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            errors.Add(path, "message is empty");
            return null;
        }

        var invalidAt = InvalidUtf8Offset(utf8);
        if (invalidAt >= 0)
        {
            errors.Add(path, $"message is not valid UTF-8 (invalid byte sequence at byte {invalidAt})");
            return null;
        }

        try
        {
            return JsonDocument.Parse(utf8.ToArray(), DocumentOptions);
        }
        catch (JsonException ex)
        {
            errors.Add(path, $"message is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})");
            return null;
        }
    }

    private static int InvalidUtf8Offset(ReadOnlySpan<byte> utf8)
    {
        var chars = ArrayPool<char>.Shared.Rent(utf8.Length);
        try
        {
            var status = System.Text.Unicode.Utf8.ToUtf16(utf8, chars, out var bytesRead, out _, replaceInvalidSequences: false);
            return status == OperationStatus.Done ? -1 : bytesRead;
        }
        finally
        {
            ArrayPool<char>.Shared.Return(chars);
        }
    }
}
