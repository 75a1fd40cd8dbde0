using System.Text.Json;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Commands;

/// <summary>Reads <c>body.action</c>.</summary>
internal static class ActionReader
{
    public const string Field = "action";
    private const string Path = "body.action";

    /// <summary>
    /// Reads the action. A reason is added when it is missing (and required), not a string, or not one of
    /// <see cref="CommandConstants.Actions"/>.
    /// </summary>
    public static ActionRead Read(Dictionary<string, JsonElement> fields, string api, bool required, ValidationErrors errors)
    {
        if (!fields.TryGetValue(Field, out var value))
        {
            if (required)
            {
                errors.Add(Path, $"is required for {api}; one of {string.Join(", ", CommandConstants.Actions)}");
                return ActionRead.Invalid;
            }

            return ActionRead.Absent;
        }

        var action = JsonFields.ReadString(value, Path, errors);
        if (action is null)
        {
            return ActionRead.Invalid;
        }

        if (!CommandConstants.Actions.Contains(action, StringComparer.Ordinal))
        {
            errors.Add(Path, $"'{action}' is not an action of {api}; expected one of {string.Join(", ", CommandConstants.Actions)}");
            return ActionRead.Invalid;
        }

        return new ActionRead(action, IsValid: true);
    }
}

/// <summary>What <see cref="ActionReader"/> found: a valid action, a valid absence (null), or a refused value.</summary>
internal readonly record struct ActionRead(string? Action, bool IsValid)
{
    public static ActionRead Absent => new(null, IsValid: true);

    public static ActionRead Invalid => new(null, IsValid: false);

    /// <summary>Whether the action is one that names domains: add, delete or set.</summary>
    public bool NeedsDomains => Action is DomainAction.Add or DomainAction.Delete or DomainAction.Set;

    public bool IsGet => Action == DomainAction.Get;
}
