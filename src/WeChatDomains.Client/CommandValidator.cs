using WeChatDomains.Core.Commands;

namespace WeChatDomains.Client;

/// <summary>
/// Client-side validation with the server's own rules and wording (the same parser is compiled into this package), so a
/// command refused here would be refused by the service with the same reasons, and one accepted here is not refused
/// for its shape.
/// </summary>
public static class CommandValidator
{
    /// <summary>Every reason <paramref name="command"/> would be refused, in the server's order; empty when it is valid.</summary>
    public static IReadOnlyList<CommandError> Validate(CommandMessage command)
    {
        ArgumentNullException.ThrowIfNull(command);
        return Validate(command.ToUtf8Json());
    }

    /// <summary>Every reason a raw UTF-8 message would be refused; empty when it is valid.</summary>
    public static IReadOnlyList<CommandError> Validate(ReadOnlySpan<byte> utf8Json)
    {
        var result = CommandParser.Parse(utf8Json);
        return result.IsValid ? [] : [.. result.Errors.Select(e => new CommandError(e.Path, e.Message))];
    }

    /// <summary>Throws <see cref="CommandRejectedException"/> when <paramref name="command"/> is invalid.</summary>
    public static void EnsureValid(CommandMessage command)
    {
        var errors = Validate(command);
        if (errors.Count > 0)
        {
            throw new CommandRejectedException(command.CommandId, errors, serverSide: false);
        }
    }
}
