using System.Text.Json;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Commands;

/// <summary>Chooses the body rules of an api; the <c>get_*</c> apis take <c>{}</c>.</summary>
internal static class BodyParser
{
    public static CommandBody? Parse(string api, JsonElement body, ValidationErrors errors, List<RemovedDuplicate> removed) => api switch
    {
        WeChatApi.ModifyDomain or WeChatApi.ModifyDomainDirectly => ServerDomainsBodyParser.Parse(api, body, errors, removed),
        WeChatApi.SetWebviewDomain or WeChatApi.SetWebviewDomainDirectly => WebviewDomainsBodyParser.Parse(api, body, errors, removed),
        WeChatApi.ModifyWxaJumpDomain or WeChatApi.ModifyWxaServerDomain => JumpDomainsBodyParser.Parse(api, body, errors, removed),
        WeChatApi.SetPrefetchDnsDomain => PrefetchDomainsBodyParser.Parse(body, errors, removed),
        _ when CommandConstants.EmptyBodyApis.Contains(api, StringComparer.Ordinal) => ParseEmpty(api, body, errors),
        _ => throw new ArgumentOutOfRangeException(nameof(api), api, "Not a command api."),
    };

    private static EmptyBody ParseEmpty(string api, JsonElement body, ValidationErrors errors)
    {
        JsonFields.Read(body, "body", _ => $"{api} takes an empty body {{}}; remove this field", errors);
        return EmptyBody.Instance;
    }
}
