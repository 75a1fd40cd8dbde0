using WeChatDomains.Sandbox.Push;
using WeChatDomains.Sandbox.State;

namespace WeChatDomains.Sandbox.Admin;

/// <summary>Between the admin models and the state. Call under the sandbox lock.</summary>
internal static class AdminMapping
{
    public static PlatformModel ToModel(PlatformState p) => new()
    {
        AppId = p.AppId,
        Secret = p.Secret,
        Token = p.Token,
        EncodingAesKey = p.EncodingAesKey,
        Published = p.Published,
        ServerDomains = [.. p.PublishedServerDomains],
        TestingServerDomains = [.. p.TestingServerDomains],
        JumpDomains = new JumpDomainsModel { Testing = [.. p.TestingJumpDomains], Published = [.. p.PublishedJumpDomains] },
        VerifiedHosts = [.. p.VerifiedHosts.Order(StringComparer.Ordinal)],
        AppliedModifications = p.AppliedModifications,
    };

    /// <summary>Null when the model is valid, else why not.</summary>
    public static string? Validate(PlatformModel m)
    {
        if (string.IsNullOrWhiteSpace(m.AppId) || string.IsNullOrWhiteSpace(m.Secret) || string.IsNullOrWhiteSpace(m.Token))
        {
            return "appId, secret and token are required";
        }

        try
        {
            PushCrypto.KeyOf(m.EncodingAesKey);
            return null;
        }
        catch (FormatException)
        {
            return "encodingAesKey must be 43 Base64 characters";
        }
    }

    public static PlatformState ToState(PlatformModel m) => new()
    {
        AppId = m.AppId,
        Secret = m.Secret,
        Token = m.Token,
        EncodingAesKey = m.EncodingAesKey,
        Published = m.Published,
        PublishedServerDomains = ServerHosts(m.ServerDomains),
        TestingServerDomains = ServerHosts(m.TestingServerDomains ?? m.ServerDomains),
        TestingJumpDomains = Hosts(m.JumpDomains.Testing),
        PublishedJumpDomains = Hosts(m.JumpDomains.Published),
        VerifiedHosts = new HashSet<string>(Hosts(m.VerifiedHosts), StringComparer.OrdinalIgnoreCase),
    };

    public static AuthorizerModel ToModel(AuthorizerState a, int month) => new()
    {
        AppId = a.AppId,
        IsMiniProgram = a.IsMiniProgram,
        IsIndividual = a.IsIndividual,
        IcpHosts = [.. a.IcpHosts],
        RefreshToken = a.RefreshToken,
        Domains = new DomainSourcesModel { Mp = ToModel(a.MpDomains), Third = ToModel(a.ThirdDomains), Direct = ToModel(a.DirectDomains) },
        WebviewDomains = new WebviewSourcesModel { Mp = [.. a.MpWebviewDomains], Third = [.. a.ThirdWebviewDomains], Direct = [.. a.DirectWebviewDomains] },
        PrefetchDnsDomains = [.. a.PrefetchDnsDomains],
        PrefetchSizeLimit = a.PrefetchSizeLimit,
        ConfirmFile = ToModel(ConfirmFileState.Of(a.AppId)),
        ModificationsThisMonth = a.ModificationsThisMonth(month),
        AppliedModifications = a.AppliedModifications.Values.Sum(),
        AppliedModificationsByApi = new SortedDictionary<string, long>(a.AppliedModifications, StringComparer.Ordinal),
    };

    public static AuthorizerState ToState(string appId, AuthorizerModel m, int month)
    {
        var state = new AuthorizerState
        {
            AppId = appId,
            IsMiniProgram = m.IsMiniProgram,
            IsIndividual = m.IsIndividual,
            IcpHosts = Hosts(m.IcpHosts),
            RefreshToken = string.IsNullOrEmpty(m.RefreshToken) ? "refreshtoken@@@" + TokenRegistry.NewToken(24) : m.RefreshToken,
            MpDomains = ToState(m.Domains.Mp),
            ThirdDomains = ToState(m.Domains.Third),
            DirectDomains = ToState(m.Domains.Direct),
            MpWebviewDomains = Urls(m.WebviewDomains.Mp),
            ThirdWebviewDomains = Urls(m.WebviewDomains.Third),
            DirectWebviewDomains = Urls(m.WebviewDomains.Direct),
            PrefetchDnsDomains = Hosts(m.PrefetchDnsDomains),
            PrefetchSizeLimit = m.PrefetchSizeLimit ?? SandboxConstants.PrefetchSizeLimit,
            LedgerMonth = month,
            ModificationsInMonth = m.ModificationsThisMonth ?? 0,
        };
        return state;
    }

    public static ConfirmFileModel ToModel(ConfirmFileState file) => new() { FileName = file.FileName, FileContent = file.FileContent };

    /// <summary>Replaces the console ("mp") lists the model names.</summary>
    public static void ApplyConsoleDomains(AuthorizerState a, ConsoleDomainsModel m)
    {
        Replace(a.MpDomains, ServerList.Request, m.RequestDomain);
        Replace(a.MpDomains, ServerList.WsRequest, m.WsRequestDomain);
        Replace(a.MpDomains, ServerList.Upload, m.UploadDomain);
        Replace(a.MpDomains, ServerList.Download, m.DownloadDomain);
        Replace(a.MpDomains, ServerList.Udp, m.UdpDomain);
        Replace(a.MpDomains, ServerList.Tcp, m.TcpDomain);
        if (m.WebviewDomain is { } webview)
        {
            a.MpWebviewDomains.Clear();
            a.MpWebviewDomains.AddRange(Urls(webview));
        }
    }

    private static void Replace(ServerDomainSet set, ServerList list, IReadOnlyList<string>? values)
    {
        if (values is not null)
        {
            set.Replace(list, Urls(values));
        }
    }

    private static List<string> ServerHosts(IReadOnlyList<string> values) =>
        Hosts([.. values.Select(v => Apis.DomainRules.HostOf(v.Trim()))]);

    private static ServerDomainsModel ToModel(ServerDomainSet s) => new()
    {
        RequestDomain = [.. s[ServerList.Request]],
        WsRequestDomain = [.. s[ServerList.WsRequest]],
        UploadDomain = [.. s[ServerList.Upload]],
        DownloadDomain = [.. s[ServerList.Download]],
        UdpDomain = [.. s[ServerList.Udp]],
        TcpDomain = [.. s[ServerList.Tcp]],
    };

    private static ServerDomainSet ToState(ServerDomainsModel m)
    {
        var set = new ServerDomainSet();
        set.Replace(ServerList.Request, Urls(m.RequestDomain));
        set.Replace(ServerList.WsRequest, Urls(m.WsRequestDomain));
        set.Replace(ServerList.Upload, Urls(m.UploadDomain));
        set.Replace(ServerList.Download, Urls(m.DownloadDomain));
        set.Replace(ServerList.Udp, Urls(m.UdpDomain));
        set.Replace(ServerList.Tcp, Urls(m.TcpDomain));
        return set;
    }

    private static List<string> Urls(IReadOnlyList<string>? values) =>
        [.. (values ?? []).Select(v => v.Trim().TrimEnd('/').ToLowerInvariant()).Distinct(StringComparer.Ordinal)];

    private static List<string> Hosts(IReadOnlyList<string>? values) =>
        [.. (values ?? []).Select(v => v.Trim().ToLowerInvariant()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)];
}
