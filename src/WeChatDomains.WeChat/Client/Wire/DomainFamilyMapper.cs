using System.Globalization;
using System.Text.Json;

namespace WeChatDomains.WeChat.Client.Wire;

/// <summary>Maps the domain family's requests and successful answers (see <see cref="WireMapper"/> for the rules).</summary>
internal static class DomainFamilyMapper
{
    public static ModifyWxaServerDomainBody ToBody(ModifyWxaServerDomainRequest request) =>
        new(request.Action, JumpDomainList.Join(request.Domains), request.IsModifyPublishedTogether);

    public static SetPrefetchDnsDomainBody ToBody(SetPrefetchDnsDomainRequest request) =>
        new([.. request.Urls.Select(url => new PrefetchDnsDomainItem(url))]);

    public static PlatformServerDomains ToModel(PlatformServerDomainsWire wire) =>
        new(JumpDomainList.Split(wire.Published), JumpDomainList.Split(wire.Testing), JumpDomainList.Split(wire.Invalid));

    public static ConfirmFile? ToModel(ConfirmFileWire wire) =>
        string.IsNullOrEmpty(wire.FileName) || wire.FileContent is null ? null : new ConfirmFile(wire.FileName, wire.FileContent);

    public static PrefetchDnsDomains ToModel(PrefetchDnsDomainsWire wire) =>
        new([.. (wire.Domains ?? []).Where(d => !string.IsNullOrEmpty(d.Url)).Select(d => new PrefetchDnsDomain(d.Url!, StatusText(d.Status)))], wire.SizeLimit);

    private static string? StatusText(JsonElement? status) => status switch
    {
        { ValueKind: JsonValueKind.String } text => text.GetString(),
        { ValueKind: JsonValueKind.Number } number => number.GetRawText(),
        _ => null,
    };
}
