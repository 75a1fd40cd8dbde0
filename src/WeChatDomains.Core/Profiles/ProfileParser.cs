using System.Text.Json;
using WeChatDomains.Core.Commands;

namespace WeChatDomains.Core.Profiles;

/// <summary>
/// Parses and validates a profile document (DESIGN section 10) with the command rules of every list it holds, plus the
/// profile's own: <c>mode</c>, the platform tier in registered mode only, no <c>udpdomain</c>/<c>tcpdomain</c> in
/// registered mode, and every registered-mode domain covered by the platform tier. Every reason is listed.
/// </summary>
public static class ProfileParser
{
    private const string PlatformField = "platform";
    private const string ServerField = "server";
    private const string WebviewField = "webviewdomain";
    private static readonly string[] TopFields = ["mode", PlatformField, ServerField, WebviewField, "default", "autoCorrect"];
    private static readonly string[] PlatformFields = ["serverDomains", "jumpDomains", "publishTogether"];

    /// <summary>The profile (version 0, not yet stored) or every reason it is refused.</summary>
    public static ProfileParseResult Parse(string name, ReadOnlySpan<byte> utf8)
    {
        var errors = new ValidationErrors();
        CheckName(name, errors);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray(), new JsonDocumentOptions { MaxDepth = CommandConstants.MaxJsonDepth });
        }
        catch (JsonException ex)
        {
            errors.Add(ValidationError.MessagePath, $"profile is not valid JSON (line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1})");
            return new(null, errors.Items);
        }

        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                errors.Add(ValidationError.MessagePath, $"profile must be a JSON object (found {JsonFields.KindName(document.RootElement.ValueKind)})");
                return new(null, errors.Items);
            }

            var profile = Read(name, document.RootElement, errors);
            return errors.Count == 0 ? new(profile, []) : new(null, errors.Items);
        }
    }

    private static DomainProfile Read(string name, JsonElement root, ValidationErrors errors)
    {
        var fields = JsonFields.Read(root, null, n => TopFields.Contains(n) ? null : JsonFields.UnknownField(n, TopFields), errors);
        var mode = ReadMode(fields, errors);
        var reader = new DomainListReader(errors, []);
        var platform = ReadPlatform(fields, mode, reader, errors);
        var server = ReadServer(fields, mode, reader, errors);
        var webview = fields.TryGetValue(WebviewField, out var w)
            ? reader.ReadArray(w, DomainListSpec.Webview, WebviewField, CommandConstants.MaxWebviewDomains)?.Distinct ?? []
            : [];
        if (mode == ProfileMode.Registered && platform is not null)
        {
            CoverageRules.Check(platform, server, webview, errors);
        }

        return new DomainProfile(
            name, 0, mode, platform, server, webview,
            ReadBool(fields, "default", errors), ReadBool(fields, "autoCorrect", errors), default);
    }

    private static void CheckName(string name, ValidationErrors errors)
    {
        if (name.Length is 0 or > ProfileConstants.MaxNameLength || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            errors.Add("name", $"must be 1-{ProfileConstants.MaxNameLength} of lowercase letters, digits and '-' (found '{name}')");
        }
    }

    private static ProfileMode ReadMode(Dictionary<string, JsonElement> fields, ValidationErrors errors)
    {
        if (!fields.TryGetValue("mode", out var value))
        {
            errors.Add("mode", $"is required: {ProfileConstants.RegisteredMode} or {ProfileConstants.DirectMode}");
            return ProfileMode.Registered;
        }

        switch (JsonFields.ReadString(value, "mode", errors))
        {
            case ProfileConstants.RegisteredMode:
                return ProfileMode.Registered;
            case ProfileConstants.DirectMode:
                return ProfileMode.Direct;
            case { } other:
                errors.Add("mode", $"must be {ProfileConstants.RegisteredMode} or {ProfileConstants.DirectMode} (found '{other}')");
                break;
        }

        return ProfileMode.Registered;
    }

    private static PlatformTier? ReadPlatform(Dictionary<string, JsonElement> fields, ProfileMode mode, DomainListReader reader, ValidationErrors errors)
    {
        if (!fields.TryGetValue(PlatformField, out var value))
        {
            if (mode == ProfileMode.Registered)
            {
                errors.Add(PlatformField, "is required in registered mode: the platform tier must cover the authorizers' domains");
            }

            return null;
        }

        if (mode == ProfileMode.Direct)
        {
            errors.Add(PlatformField, "must be absent in direct mode (domains are set straight on each authorizer)");
            return null;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(PlatformField, $"must be an object (found {JsonFields.KindName(value.ValueKind)})");
            return null;
        }

        var tier = JsonFields.Read(value, PlatformField, n => PlatformFields.Contains(n) ? null : JsonFields.UnknownField(n, PlatformFields, $"in {PlatformField}"), errors);
        return new PlatformTier(
            ReadHosts(tier, "serverDomains", DomainListSpec.PlatformServer, CommandConstants.MaxPlatformServerDomains, reader, errors),
            ReadHosts(tier, "jumpDomains", DomainListSpec.Jump, CommandConstants.MaxJumpDomains, reader, errors),
            ReadBool(tier, "publishTogether", errors, PlatformField));
    }

    private static IReadOnlyList<string> ReadHosts(
        Dictionary<string, JsonElement> fields, string field, DomainListSpec list, int limit, DomainListReader reader, ValidationErrors errors)
    {
        if (!fields.TryGetValue(field, out var value))
        {
            return [];
        }

        var path = JsonFields.PathOf(PlatformField, field);
        if (value.ValueKind != JsonValueKind.Array)
        {
            errors.Add(path, $"must be an array of strings (found {JsonFields.KindName(value.ValueKind)})");
            return [];
        }

        var entries = value.EnumerateArray().Select((item, i) => ($"{path}[{i}]", JsonFields.ReadString(item, $"{path}[{i}]", errors))).ToList();
        return reader.ReadHosts(entries, list, path, limit).Distinct;
    }

    private static Dictionary<string, IReadOnlyList<string>> ReadServer(
        Dictionary<string, JsonElement> fields, ProfileMode mode, DomainListReader reader, ValidationErrors errors)
    {
        var lists = DomainListSpec.ModifyDomainDirectlyLists;
        var allowed = lists.Select(l => l.Name).ToList();
        var server = DomainProfile.ServerListsOf(mode).ToDictionary(n => n, _ => (IReadOnlyList<string>)[], StringComparer.Ordinal);
        if (!fields.TryGetValue(ServerField, out var value))
        {
            return server;
        }

        if (value.ValueKind != JsonValueKind.Object)
        {
            errors.Add(ServerField, $"must be an object (found {JsonFields.KindName(value.ValueKind)})");
            return server;
        }

        var read = JsonFields.Read(value, ServerField, n => allowed.Contains(n) ? null : JsonFields.UnknownField(n, allowed, $"in {ServerField}"), errors);
        var total = 0;
        foreach (var list in lists)
        {
            if (!read.TryGetValue(list.Name, out var listValue))
            {
                continue;
            }

            var path = JsonFields.PathOf(ServerField, list.Name);
            var distinct = reader.ReadArray(listValue, list, path, CommandConstants.MaxServerDomainsPerList)?.Distinct ?? [];
            if (!server.ContainsKey(list.Name))
            {
                if (distinct.Count > 0)
                {
                    errors.Add(path, $"must be empty in {ProfileConstants.RegisteredMode} mode ({list.Name} is set only by modify_domain_directly)");
                }

                continue;
            }

            server[list.Name] = distinct;
            total += distinct.Count;
        }

        if (total > CommandConstants.MaxServerDomainsTotal)
        {
            errors.Add(ServerField, $"the server-domain lists hold {total} distinct domains in all; at most {CommandConstants.MaxServerDomainsTotal} are allowed");
        }

        return server;
    }

    private static bool ReadBool(Dictionary<string, JsonElement> fields, string field, ValidationErrors errors, string? prefix = null)
    {
        if (!fields.TryGetValue(field, out var value))
        {
            return false;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        errors.Add(JsonFields.PathOf(prefix, field), $"must be true or false (found {JsonFields.KindName(value.ValueKind)})");
        return false;
    }
}

/// <summary>A parsed profile, or every reason it was refused.</summary>
public sealed record ProfileParseResult(DomainProfile? Profile, IReadOnlyList<ValidationError> Errors);
