using System.Diagnostics.CodeAnalysis;

namespace WeChatDomains.Core.Commands;

/// <summary>
/// The outcome of <see cref="CommandParser.Parse(ReadOnlySpan{byte})"/>: a valid <see cref="DomainCommand"/>, or the
/// full list of reasons to reject it. Never both.
/// </summary>
public sealed class CommandParseResult
{
    private CommandParseResult(DomainCommand? command, IReadOnlyList<ValidationError> errors)
    {
        Command = command;
        Errors = errors;
    }

    /// <summary>The parsed, normalized command; set exactly when <see cref="IsValid"/>.</summary>
    public DomainCommand? Command { get; }

    /// <summary>Every reason the command is rejected, in the order found; empty when <see cref="IsValid"/>.</summary>
    public IReadOnlyList<ValidationError> Errors { get; }

    /// <summary>Whether the message is a valid command.</summary>
    [MemberNotNullWhen(true, nameof(Command))]
    public bool IsValid => Command is not null;

    /// <summary>A valid command.</summary>
    public static CommandParseResult Valid(DomainCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return new(command, []);
    }

    /// <summary>A rejection with at least one reason.</summary>
    public static CommandParseResult Rejected(IReadOnlyList<ValidationError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("A rejection needs at least one reason.", nameof(errors));
        }

        return new(null, errors);
    }
}
