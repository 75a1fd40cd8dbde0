using System.Text.Json;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Commands;

/// <summary>
/// Body of <c>modify_wxa_jump_domain</c>. <c>action</c> is required; add, delete and set need
/// <c>wxa_jump_h5_domain</c> with at least one host; get carries neither it nor <c>is_modify_published_together</c>.
/// </summary>
internal static class JumpDomainsBodyParser
{
    public const string PublishedTogetherField = "is_modify_published_together";
    private const string Path = "body";
    private static readonly string[] Allowed = [ActionReader.Field, DomainListSpec.Jump.Name, PublishedTogetherField];

    public static JumpDomainsBody? Parse(JsonElement body, ValidationErrors errors, List<RemovedDuplicate> removed)
    {
        const string api = WeChatApi.ModifyWxaJumpDomain;
        var fields = JsonFields.Read(
            body, Path, name => Allowed.Contains(name) ? null : JsonFields.UnknownField(name, Allowed, $"for {api}"), errors);
        var action = ActionReader.Read(fields, api, required: true, errors);
        var listPath = JsonFields.PathOf(Path, DomainListSpec.Jump.Name);
        var togetherPath = JsonFields.PathOf(Path, PublishedTogetherField);

        var together = ReadTogether(fields, togetherPath, action, errors);
        DomainListRead? read = null;
        var present = fields.TryGetValue(DomainListSpec.Jump.Name, out var value);
        if (present && action.IsGet)
        {
            errors.Add(listPath, "must be absent when action is get");
        }
        else if (present)
        {
            read = new DomainListReader(errors, removed).ReadJumpString(value, listPath, CommandConstants.MaxJumpDomains);
        }

        if (action.NeedsDomains && !present)
        {
            errors.Add(listPath, $"is required when action is {action.Action}");
        }
        else if (action.NeedsDomains && read is { EntryCount: 0 })
        {
            errors.Add(listPath, $"must hold at least one host when action is {action.Action}");
        }

        return action.Action is null ? null : new JumpDomainsBody(action.Action, read?.Distinct, together);
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
