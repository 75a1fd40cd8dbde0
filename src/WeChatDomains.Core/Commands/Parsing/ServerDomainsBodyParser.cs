using System.Text.Json;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Commands;

/// <summary>
/// Body of <c>modify_domain</c> (four lists) and <c>modify_domain_directly</c> (six). <c>action</c> is required; add,
/// delete and set need at least one domain in some list (an empty <c>set</c> that would clear every list is refused);
/// get carries no list.
/// </summary>
internal static class ServerDomainsBodyParser
{
    private const string Path = "body";

    public static ServerDomainsBody? Parse(
        string api, JsonElement body, ValidationErrors errors, List<RemovedDuplicate> removed)
    {
        var lists = api == WeChatApi.ModifyDomainDirectly
            ? DomainListSpec.ModifyDomainDirectlyLists
            : DomainListSpec.ModifyDomainLists;
        var allowed = new[] { ActionReader.Field }.Concat(lists.Select(l => l.Name)).ToList();
        var fields = JsonFields.Read(body, Path, name => allowed.Contains(name) ? null : UnknownReason(api, name, allowed), errors);
        var action = ActionReader.Read(fields, api, required: true, errors);

        var reader = new DomainListReader(errors, removed);
        var read = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        var entries = 0;
        var total = 0;
        var malformed = false;
        foreach (var list in lists)
        {
            if (!fields.TryGetValue(list.Name, out var value))
            {
                continue;
            }

            var listPath = JsonFields.PathOf(Path, list.Name);
            if (action.IsGet)
            {
                errors.Add(listPath, "must be absent when action is get");
                continue;
            }

            var result = reader.ReadArray(value, list, listPath, CommandConstants.MaxServerDomainsPerList);
            malformed |= result is null;
            if (result is not null)
            {
                read[list.Name] = result.Distinct;
                entries += result.EntryCount;
                total += result.Distinct.Count;
            }
        }

        if (action.NeedsDomains && entries == 0 && !malformed)
        {
            errors.Add(Path, $"action {action.Action} needs at least one domain in {string.Join(", ", lists.Select(l => l.Name))}");
        }

        if (total > CommandConstants.MaxServerDomainsTotal)
        {
            errors.Add(Path, $"the server-domain lists hold {total} distinct domains in all; at most {CommandConstants.MaxServerDomainsTotal} are allowed");
        }

        if (action.Action is null)
        {
            return null;
        }

        return new ServerDomainsBody(action.Action, new ServerDomains
        {
            RequestDomain = read.GetValueOrDefault(DomainListSpec.Request.Name),
            WsRequestDomain = read.GetValueOrDefault(DomainListSpec.WsRequest.Name),
            UploadDomain = read.GetValueOrDefault(DomainListSpec.Upload.Name),
            DownloadDomain = read.GetValueOrDefault(DomainListSpec.Download.Name),
            UdpDomain = read.GetValueOrDefault(DomainListSpec.Udp.Name),
            TcpDomain = read.GetValueOrDefault(DomainListSpec.Tcp.Name),
        });
    }

    private static string UnknownReason(string api, string name, IEnumerable<string> allowed) =>
        DomainListSpec.ModifyDomainDirectlyLists.Any(l => l.Name == name)
            ? $"{name} is accepted only by {WeChatApi.ModifyDomainDirectly}, not by {api}"
            : JsonFields.UnknownField(name, allowed, $"for {api}");
}
