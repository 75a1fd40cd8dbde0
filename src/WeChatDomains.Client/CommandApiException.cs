namespace WeChatDomains.Client;

/// <summary>
/// The service refused a request: its HTTP status and problem details (RFC 9457) with every reason it gave. The
/// subclasses name the answers an upstream system handles: 400, 409 and 413.
/// </summary>
public class CommandApiException : Exception
{
    /// <summary>Creates the exception from an answer's status and problem details.</summary>
    public CommandApiException(int statusCode, string? title, string? detail, IReadOnlyList<CommandError> errors)
        : base(Describe(statusCode, title, detail, errors))
    {
        StatusCode = statusCode;
        Title = title;
        Detail = detail;
        Errors = errors;
    }

    /// <summary>The HTTP status, or 400 for a command refused before it was sent.</summary>
    public int StatusCode { get; }

    /// <summary>The problem's title.</summary>
    public string? Title { get; }

    /// <summary>The problem's detail.</summary>
    public string? Detail { get; }

    /// <summary>Every reason given (path and message); empty when the answer listed none.</summary>
    public IReadOnlyList<CommandError> Errors { get; }

    private static string Describe(int statusCode, string? title, string? detail, IReadOnlyList<CommandError> errors)
    {
        var head = $"HTTP {statusCode}: {title ?? "the request was refused"}" + (detail is null ? string.Empty : $" ({detail})");
        return errors.Count == 0 ? head : head + Environment.NewLine + string.Join(Environment.NewLine, errors);
    }
}

/// <summary>The command is invalid (400): every reason, found by the service or, before sending, by <see cref="CommandValidator"/>.</summary>
public sealed class CommandRejectedException : CommandApiException
{
    /// <summary>Creates the exception for <paramref name="commandId"/>.</summary>
    public CommandRejectedException(string? commandId, IReadOnlyList<CommandError> errors, bool serverSide, string? title = null, string? detail = null)
        : base(400, title ?? $"The command {commandId} is invalid.", detail ?? $"{errors.Count} reason(s)" + (serverSide ? string.Empty : "; found before sending"), errors)
    {
        CommandId = commandId;
        ServerSide = serverSide;
    }

    /// <summary>The refused command's id, as sent.</summary>
    public string? CommandId { get; }

    /// <summary>Whether the service refused it; false when it was refused before it left the process.</summary>
    public bool ServerSide { get; }
}

/// <summary>The commandId is already used by a different command (409); the same command again is not a conflict.</summary>
public sealed class CommandConflictException(string commandId, string? title, string? detail)
    : CommandApiException(409, title, detail, [])
{
    /// <summary>The id that is taken.</summary>
    public string CommandId { get; } = commandId;
}

/// <summary>The request body is larger than the service accepts (413).</summary>
public sealed class CommandTooLargeException(string? title, string? detail, IReadOnlyList<CommandError> errors)
    : CommandApiException(413, title, detail, errors);
