namespace WeChatDomains.WeChat.Client.Wire;

/// <summary><c>wxa_jump_h5_domain</c> and its response fields: bare hosts joined by <c>;</c> on the wire.</summary>
internal static class JumpDomainList
{
    public const char Separator = ';';

    public static string? Join(IReadOnlyList<string>? hosts) => hosts is null ? null : string.Join(Separator, hosts);

    public static IReadOnlyList<string> Split(string? wire) =>
        string.IsNullOrWhiteSpace(wire)
            ? []
            : wire.Split(Separator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
