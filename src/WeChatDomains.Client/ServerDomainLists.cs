namespace WeChatDomains.Client;

/// <summary>
/// The server-domain lists of <c>modify_domain</c> (request, socket, upload, download) and <c>modify_domain_directly</c>
/// (also udp and tcp). A null list is left out of the body; entries carry their scheme (<c>https://</c>, <c>wss://</c>,
/// <c>udp://</c>, <c>tcp://</c>).
/// </summary>
public sealed record ServerDomainLists
{
    /// <summary><c>requestdomain</c>: <c>https://</c> entries.</summary>
    public IReadOnlyList<string>? Request { get; init; }

    /// <summary><c>wsrequestdomain</c>: <c>wss://</c> entries.</summary>
    public IReadOnlyList<string>? Socket { get; init; }

    /// <summary><c>uploaddomain</c>: <c>https://</c> entries.</summary>
    public IReadOnlyList<string>? Upload { get; init; }

    /// <summary><c>downloaddomain</c>: <c>https://</c> entries.</summary>
    public IReadOnlyList<string>? Download { get; init; }

    /// <summary><c>udpdomain</c> (<c>modify_domain_directly</c> only): <c>udp://</c> entries.</summary>
    public IReadOnlyList<string>? Udp { get; init; }

    /// <summary><c>tcpdomain</c> (<c>modify_domain_directly</c> only): <c>tcp://</c> entries.</summary>
    public IReadOnlyList<string>? Tcp { get; init; }

    internal IEnumerable<(string Field, IReadOnlyList<string> Entries)> Present()
    {
        (string, IReadOnlyList<string>?)[] lists =
        [
            ("requestdomain", Request), ("wsrequestdomain", Socket), ("uploaddomain", Upload),
            ("downloaddomain", Download), ("udpdomain", Udp), ("tcpdomain", Tcp),
        ];
        return lists.Where(l => l.Item2 is not null).Select(l => (l.Item1, l.Item2!));
    }
}
