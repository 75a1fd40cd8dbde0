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
}
