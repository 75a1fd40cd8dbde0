using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Client;

/// <summary>The <c>action</c> of a modifying api.</summary>
public enum DomainChange
{
    /// <summary><c>add</c>: add the listed domains.</summary>
    Add,

    /// <summary><c>delete</c>: remove the listed domains.</summary>
    Delete,

    /// <summary><c>set</c>: replace the lists with the listed domains.</summary>
    Set,

    /// <summary><c>get</c>: read the current domains (no list may be given).</summary>
    Get,
}

internal static class DomainChangeNames
{
    public static string WireName(this DomainChange change) => change switch
    {
        DomainChange.Add => DomainAction.Add,
        DomainChange.Delete => DomainAction.Delete,
        DomainChange.Set => DomainAction.Set,
        DomainChange.Get => DomainAction.Get,
        _ => throw new ArgumentOutOfRangeException(nameof(change), change, "Not an action of the command contract."),
    };
}
