using WeChatDomains.Core.Commands;
using WeChatDomains.Core.Execution;

namespace WeChatDomains.Core.Processing;

/// <summary>A message read as a command: the command and its call when valid, every reason otherwise.</summary>
/// <param name="Header">The command's identity (null when invalid).</param>
/// <param name="Call">The WeChat call it makes (null when invalid).</param>
/// <param name="CommandId">The commandId when one could be read, even from an invalid command (to record the rejection).</param>
/// <param name="Api">The api when one could be read.</param>
/// <param name="Reasons">Every reason it was refused; empty when valid.</param>
public sealed record CommandReading(CommandHeader? Header, WeChatCall? Call, string? CommandId, string? Api, IReadOnlyList<ValidationError> Reasons)
{
    /// <summary>Whether the command is valid.</summary>
    public bool IsValid => Header is not null && Call is not null && Reasons.Count == 0;
}

/// <summary>Parses and validates a command message (DESIGN section 2) before anything else happens to it.</summary>
public interface ICommandReader
{
    /// <summary>Reads <paramref name="utf8Json"/>.</summary>
    CommandReading Read(ReadOnlyMemory<byte> utf8Json);
}
