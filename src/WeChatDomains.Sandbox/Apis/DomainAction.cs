namespace WeChatDomains.Sandbox.Apis;

/// <summary>The <c>action</c> of the domain APIs.</summary>
internal enum DomainAction
{
    Add,
    Delete,
    Set,
    Get,
}

internal static class DomainActions
{
    /// <summary>Parses an action as WeChat spells it (lower case); null when it is not one (40052).</summary>
    public static DomainAction? Parse(string? action) => action switch
    {
        "add" => DomainAction.Add,
        "delete" => DomainAction.Delete,
        "set" => DomainAction.Set,
        "get" => DomainAction.Get,
        _ => null,
    };

    /// <summary>A web-view list after <paramref name="action"/> (add, delete or set), compared case-insensitively.</summary>
    public static List<string> Apply(DomainAction action, List<string> current, List<string> requested) => action switch
    {
        DomainAction.Add => [.. current.Concat(requested).Distinct(StringComparer.OrdinalIgnoreCase)],
        DomainAction.Delete => [.. current.Except(requested, StringComparer.OrdinalIgnoreCase)],
        _ => [.. requested.Distinct(StringComparer.OrdinalIgnoreCase)],
    };
}
