using System.Text.Json;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Commands;

/// <summary>
/// Body of <c>setwebviewdomain</c> and <c>setwebviewdomain_directly</c>. For <c>setwebviewdomain</c> <c>action</c> may
/// be omitted: WeChat then adds every business domain registered on the platform, and <c>webviewdomain</c> must be
/// absent too; <c>setwebviewdomain_directly</c> requires it (WeChat's page marks it required). add, delete and set need
/// at least one domain (an empty <c>set</c> is refused); get carries no list. Both take at most 100 domains
/// (for the direct api WeChat says its rules follow an ordinary Mini Program's; the exact limit is not confirmed).
/// </summary>
internal static class WebviewDomainsBodyParser
{
    private const string Path = "body";
    private static readonly string[] Allowed = [ActionReader.Field, DomainListSpec.Webview.Name];

    public static WebviewDomainsBody? Parse(string api, JsonElement body, ValidationErrors errors, List<RemovedDuplicate> removed)
    {
        var fields = JsonFields.Read(
            body, Path, name => Allowed.Contains(name) ? null : JsonFields.UnknownField(name, Allowed, $"for {api}"), errors);
        var action = ActionReader.Read(fields, api, required: api == WeChatApi.SetWebviewDomainDirectly, errors);
        var listPath = JsonFields.PathOf(Path, DomainListSpec.Webview.Name);
        var present = fields.TryGetValue(DomainListSpec.Webview.Name, out var value);

        if (action is { IsValid: true, Action: null } && present)
        {
            errors.Add(listPath, "must be absent when action is omitted (no action adds every business domain registered on the platform)");
            present = false;
        }
        else if (action.IsGet && present)
        {
            errors.Add(listPath, "must be absent when action is get");
            present = false;
        }

        DomainListRead? read = null;
        if (present)
        {
            read = new DomainListReader(errors, removed).ReadArray(value, DomainListSpec.Webview, listPath, CommandConstants.MaxWebviewDomains);
        }

        if (action.NeedsDomains && !present)
        {
            errors.Add(listPath, $"is required when action is {action.Action}");
        }
        else if (action.NeedsDomains && read is { EntryCount: 0 })
        {
            errors.Add(listPath, $"must hold at least one domain when action is {action.Action}");
        }

        return action.IsValid ? new WebviewDomainsBody(action.Action, read?.Distinct) : null;
    }
}
