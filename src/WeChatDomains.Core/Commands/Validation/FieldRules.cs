using System.Buffers;
using System.Globalization;
using System.Text.Json;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Commands;

/// <summary>Rules of the top-level fields <c>commandId</c>, <c>api</c>, <c>authorizerAppId</c> and <c>requestedBy</c>.</summary>
internal static class FieldRules
{
    private static readonly SearchValues<char> CommandIdChars = SearchValues.Create(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789" + CommandConstants.CommandIdPunctuation);

    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    /// <summary>Whether <paramref name="id"/> is a well-formed commandId (1-128 of the allowed characters).</summary>
    public static bool IsWellFormedCommandId(string id) =>
        id.Length is > 0 and <= CommandConstants.MaxCommandIdLength && !id.AsSpan().ContainsAnyExcept(CommandIdChars);

    public static string? CommandId(JsonElement? value, ValidationErrors errors)
    {
        const string path = EnvelopeParser.CommandIdField;
        var id = RequiredString(value, path, "the command's idempotency key", errors);
        if (id is null)
        {
            return null;
        }

        var before = errors.Count;
        if (id.Length == 0)
        {
            errors.Add(path, "must not be empty");
        }
        else if (id.Length > CommandConstants.MaxCommandIdLength)
        {
            errors.Add(path, $"is {id.Length} characters long; at most {CommandConstants.MaxCommandIdLength} are allowed");
        }

        var badIndex = id.AsSpan().IndexOfAnyExcept(CommandIdChars);
        if (badIndex >= 0)
        {
            errors.Add(path, string.Create(
                CultureInfo.InvariantCulture,
                $"contains {Describe(id[badIndex])} at position {badIndex + 1}; only letters, digits and {CommandConstants.CommandIdPunctuation} are allowed"));
        }

        return errors.Count == before ? id : null;
    }

    public static string? Api(JsonElement? value, ValidationErrors errors)
    {
        const string path = EnvelopeParser.ApiField;
        var api = RequiredString(value, path, "one of " + string.Join(", ", CommandConstants.Apis), errors);
        if (api is null || CommandConstants.Apis.Contains(api, StringComparer.Ordinal))
        {
            return api;
        }

        errors.Add(path, $"unknown api '{api}'; expected one of {string.Join(", ", CommandConstants.Apis)}");
        return null;
    }

    public static string? AuthorizerAppId(JsonElement? value, string? api, ValidationErrors errors)
    {
        const string path = EnvelopeParser.AuthorizerAppIdField;
        if (api is not null && CommandConstants.PlatformApis.Contains(api, StringComparer.Ordinal))
        {
            if (value is not null)
            {
                errors.Add(path, $"must be absent for {api}: it is a platform-level api, called with the component token");
            }

            return null;
        }

        if (value is null)
        {
            if (api is not null)
            {
                errors.Add(path, $"is required for {api}");
            }

            return null;
        }

        var appId = JsonFields.ReadString(value.Value, path, errors);
        if (appId is not null && !IsAppId(appId))
        {
            errors.Add(path, $"'{Printable(appId)}' is not an appid: expected '{CommandConstants.AppIdPrefix}' and {CommandConstants.AppIdHexLength} lowercase hexadecimal characters");
            return null;
        }

        return appId;
    }

    public static string? RequestedBy(JsonElement? value, ValidationErrors errors)
    {
        const string path = EnvelopeParser.RequestedByField;
        if (value is null)
        {
            return null;
        }

        var text = JsonFields.ReadString(value.Value, path, errors);
        if (text is null)
        {
            return null;
        }

        var before = errors.Count;
        if (text.Length == 0)
        {
            errors.Add(path, "must not be empty (omit it instead)");
        }
        else if (text.Length > CommandConstants.MaxRequestedByLength)
        {
            errors.Add(path, $"is {text.Length} characters long; at most {CommandConstants.MaxRequestedByLength} are allowed");
        }

        var badIndex = IndexOfNonPrintable(text);
        if (badIndex >= 0)
        {
            errors.Add(path, $"contains the non-printable character {Describe(text[badIndex])} at position {badIndex + 1}");
        }

        return errors.Count == before ? text : null;
    }

    private static string? RequiredString(JsonElement? value, string path, string what, ValidationErrors errors)
    {
        if (value is null)
        {
            errors.Add(path, $"is required: {what}");
            return null;
        }

        return JsonFields.ReadString(value.Value, path, errors);
    }

    private static bool IsAppId(string text) =>
        text.Length == CommandConstants.AppIdPrefix.Length + CommandConstants.AppIdHexLength &&
        text.StartsWith(CommandConstants.AppIdPrefix, StringComparison.Ordinal) &&
        text.AsSpan(CommandConstants.AppIdPrefix.Length).IndexOfAnyExcept(LowerHex) < 0;

    private static int IndexOfNonPrintable(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (!IsPrintable(text[i]))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsPrintable(char c) => CharUnicodeInfo.GetUnicodeCategory(c) is not (
        UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.LineSeparator or
        UnicodeCategory.ParagraphSeparator or UnicodeCategory.OtherNotAssigned or UnicodeCategory.PrivateUse);

    private static string Describe(char c) => c is > ' ' and < (char)0x7F
        ? $"'{c}'"
        : string.Create(CultureInfo.InvariantCulture, $"U+{(int)c:X4}");

    private static string Printable(string text) =>
        text.Length > 40 ? string.Concat(text.AsSpan(0, 40), "…") : text;
}
