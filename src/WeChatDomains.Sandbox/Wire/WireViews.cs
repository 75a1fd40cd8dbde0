using WeChatDomains.Sandbox.State;

namespace WeChatDomains.Sandbox.Wire;

/// <summary>Domain lists as WeChat writes them in responses.</summary>
internal static class WireViews
{
    /// <summary>An object with the given lists under their wire names, in WeChat's order.</summary>
    public static Dictionary<string, IReadOnlyList<string>> Server(ServerDomainSet set, IEnumerable<ServerList> lists)
    {
        var view = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var list in lists)
        {
            view[ServerLists.WireName(list)] = [.. set[list]];
        }

        return view;
    }

    /// <summary>Adds each of <paramref name="lists"/> of <paramref name="set"/> to the reply as a top-level field.</summary>
    public static WeChatReply WithServerLists(this WeChatReply reply, ServerDomainSet set, IEnumerable<ServerList> lists)
    {
        foreach (var list in lists)
        {
            reply.With(ServerLists.WireName(list), set[list].ToArray());
        }

        return reply;
    }
}
