using System.Text.Json;

namespace WeChatDomains.Core.Commands;

/// <summary>Reads the fields of a JSON object, refusing duplicates and unknown names, and typed values with clear reasons.</summary>
internal static class JsonFields
{
    /// <summary>
    /// The fields of <paramref name="obj"/> by name. <paramref name="unknownReason"/> returns null for a known name and the
    /// reason to refuse any other; a name seen twice is refused and its first value kept.
    /// </summary>
    public static Dictionary<string, JsonElement> Read(
        JsonElement obj, string? prefix, Func<string, string?> unknownReason, ValidationErrors errors)
    {
        var fields = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in obj.EnumerateObject())
        {
            if (!TryGetName(property, out var name))
            {
                errors.Add(prefix ?? ValidationError.MessagePath, "a field name contains an escape that is not valid UTF-16 (a lone surrogate)");
                continue;
            }

            var path = PathOf(prefix, name);
            if (fields.ContainsKey(name))
            {
                errors.Add(path, "field appears more than once");
                continue;
            }

            var reason = unknownReason(name);
            if (reason is not null)
            {
                errors.Add(path, reason);
                continue;
            }

            fields.Add(name, property.Value);
        }

        return fields;
    }

    private static bool TryGetName(JsonProperty property, out string name)
    {
        try
        {
            name = property.Name;
            return true;
        }
        catch (InvalidOperationException)
        {
            name = "";
            return false;
        }
    }

    /// <summary>The reason for an unknown field, with a hint when only the letter case is wrong.</summary>
    public static string UnknownField(string name, IEnumerable<string> allowed, string? where = null)
    {
        var names = allowed.ToList();
        var hint = names.Find(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
        var scope = where is null ? "" : $" {where}";
        var suggestion = hint is null ? "" : $" (did you mean '{hint}'? names are case-sensitive)";
        return $"unknown field{scope}{suggestion}; allowed fields are {string.Join(", ", names)}";
    }

    /// <summary>A string value, or null after adding a reason when it is another JSON type.</summary>
    public static string? ReadString(JsonElement value, string path, ValidationErrors errors)
    {
        if (value.ValueKind == JsonValueKind.String)
        {
            try
            {
                return value.GetString();
            }
            catch (InvalidOperationException)
            {
                errors.Add(path, "contains an escape that is not valid UTF-16 (a lone surrogate)");
                return null;
            }
        }

        errors.Add(path, $"must be a string (found {KindName(value.ValueKind)})");
        return null;
    }

    /// <summary><c>prefix.name</c>, or <c>name</c> at the top level.</summary>
    public static string PathOf(string? prefix, string name) => prefix is null ? name : $"{prefix}.{name}";

    /// <summary>The JSON type of a value, in words.</summary>
    public static string KindName(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}
