namespace WeChatDomains.Sandbox.State;

/// <summary>Six ordered, duplicate-free lists of server domains (<c>scheme://host</c>, lower case). Not thread-safe.</summary>
internal sealed class ServerDomainSet
{
    private readonly List<string>[] _lists;

    public ServerDomainSet()
    {
        _lists = new List<string>[ServerLists.Six.Length];
        for (var i = 0; i < _lists.Length; i++)
        {
            _lists[i] = [];
        }
    }

    public IReadOnlyList<string> this[ServerList list] => _lists[(int)list];

    public void Replace(ServerList list, IEnumerable<string> domains)
    {
        var target = _lists[(int)list];
        target.Clear();
        target.AddRange(domains.Distinct(StringComparer.OrdinalIgnoreCase));
    }

    public ServerDomainSet Clone()
    {
        var copy = new ServerDomainSet();
        foreach (var list in ServerLists.Six)
        {
            copy.Replace(list, this[list]);
        }

        return copy;
    }

    public int Total(IEnumerable<ServerList> lists) => lists.Sum(l => this[l].Count);

    public bool SameAs(ServerDomainSet other) =>
        ServerLists.Six.All(l => this[l].SequenceEqual(other[l], StringComparer.OrdinalIgnoreCase));

    /// <summary>The union of several sets, list by list, in order of first appearance.</summary>
    public static ServerDomainSet Union(params ServerDomainSet[] sets)
    {
        var union = new ServerDomainSet();
        foreach (var list in ServerLists.Six)
        {
            union.Replace(list, sets.SelectMany(s => s[list]));
        }

        return union;
    }
}
