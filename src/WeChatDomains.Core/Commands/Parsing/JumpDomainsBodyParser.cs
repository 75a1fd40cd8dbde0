using System.Text.Json;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Commands;

/// <summary>
/// Body of the platform's own domain lists: <c>modify_wxa_jump_domain</c> (<c>wxa_jump_h5_domain</c>, 200 hosts) and
/// <c>modify_wxa_server_domain</c> (<c>wxa_server_domain</c>, 1,000 hosts), both <c>;</c>-separated bare hosts.
/// <c>action</c> is required; add, delete and set need the list with at least one host; get carries neither it nor
/// <c>is_modify_published_together</c>.
/// </summary>
internal static class JumpDomainsBodyParser
{
    public const string PublishedTogetherField = "is_modify_published_together";
    private const string Path = "body";

    public static CommandBody? Parse(string api, JsonElement body, ValidationErrors errors, List<RemovedDuplicate> removed)
    {
        var (list, limit) = api == WeChatApi.ModifyWxaServerDomain
            ? (DomainListSpec.PlatformServer, CommandConstants.MaxPlatformServerDomains)
            : (DomainListSpec.Jump, CommandConstants.MaxJumpDomains);
        string[] allowed = [ActionReader.Field, list.Name, PublishedTogetherField];
        var fields = JsonFields.Read(
            body, Path, name => allowed.Contains(name) ? null : JsonFields.UnknownField(name, allowed, $"for {api}"), errors);
        var action = ActionReader.Read(fields, api, required: true, errors);
        var listPath = JsonFields.PathOf(Path, list.Name);
        var togetherPath = JsonFields.PathOf(Path, PublishedTogetherField);

        var together = ReadTogether(fields, togetherPath, action, errors);
        DomainListRead? read = null;
        var present = fields.TryGetValue(list.Name, out var value);
        if (present && action.IsGet)
        {
            errors.Add(listPath, "must be absent when action is get");
        }
        else if (present)
        {
            read = new DomainListReader(errors, removed).ReadHostString(value, list, listPath, limit);
        }

        if (action.NeedsDomains && !present)
        {
            errors.Add(listPath, $"is required when action is {action.Action}");
        }
        else if (action.NeedsDomains && read is { EntryCount: 0 })
        {
            errors.Add(listPath, $"must hold at least one host when action is {action.Action}");
        }

        if (action.Action is null)
        {
            return null;
        }

        return api == WeChatApi.ModifyWxaServerDomain
            ? new PlatformServerDomainsBody(action.Action, read?.Distinct, together)
            : new JumpDomainsBody(action.Action, read?.Distinct, together);
    }

    private static bool? ReadTogether(Dictionary<string, JsonElement> fields, string path, ActionRead action, ValidationErrors errors)
    {
        if (!fields.TryGetValue(PublishedTogetherField, out var value))
        {
            return null;
        }

        if (action.IsGet)
        {
            errors.Add(path, "must be absent when action is get");
            return null;
        }

        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }

        errors.Add(path, $"must be a boolean (found {JsonFields.KindName(value.ValueKind)})");
        return null;
    }
}
