namespace WeChatDomains.Sandbox.Admin;

/// <summary><c>GET/PUT /sandbox/platform</c>.</summary>
public sealed class PlatformModel
{
    public string AppId { get; init; } = string.Empty;

    public string Secret { get; init; } = string.Empty;

    public string Token { get; init; } = string.Empty;

    public string EncodingAesKey { get; init; } = string.Empty;

    public bool Published { get; init; } = true;

    /// <summary>
    /// Registered Mini Program server domains of the published platform (modify_wxa_server_domain's published list):
    /// hosts, or URLs whose host is taken. An authorizer's modify_domain may use these hosts (85018 otherwise).
    /// </summary>
    public IReadOnlyList<string> ServerDomains { get; init; } = [];

    /// <summary>The testing platform's server domains (hosts); absent in a PUT means the same as <see cref="ServerDomains"/>.</summary>
    public IReadOnlyList<string>? TestingServerDomains { get; init; }

    /// <summary>Mini Program business (jump) domains; setwebviewdomain accepts these and their subdomains.</summary>
    public JumpDomainsModel JumpDomains { get; init; } = new();

    /// <summary>Hosts whose verification file is in place (others come back as invalid jump domains).</summary>
    public IReadOnlyList<string> VerifiedHosts { get; init; } = [];

    /// <summary>Read only: modify_wxa_jump_domain calls that changed state.</summary>
    public long AppliedModifications { get; init; }
}

/// <summary>The platform's jump domains, bare hosts.</summary>
public sealed class JumpDomainsModel
{
    public IReadOnlyList<string> Testing { get; init; } = [];

    public IReadOnlyList<string> Published { get; init; } = [];
}

/// <summary>Six server-domain lists (URLs).</summary>
public sealed class ServerDomainsModel
{
    public IReadOnlyList<string> RequestDomain { get; init; } = [];

    public IReadOnlyList<string> WsRequestDomain { get; init; } = [];

    public IReadOnlyList<string> UploadDomain { get; init; } = [];

    public IReadOnlyList<string> DownloadDomain { get; init; } = [];

    public IReadOnlyList<string> UdpDomain { get; init; } = [];

    public IReadOnlyList<string> TcpDomain { get; init; } = [];
}

/// <summary>Server domains by source: mp (MP admin site), third (modify_domain), direct (modify_domain_directly).</summary>
public sealed class DomainSourcesModel
{
    public ServerDomainsModel Mp { get; init; } = new();

    public ServerDomainsModel Third { get; init; } = new();

    public ServerDomainsModel Direct { get; init; } = new();
}

/// <summary>Business (web-view) domains by source: mp, third (setwebviewdomain), direct.</summary>
public sealed class WebviewSourcesModel
{
    public IReadOnlyList<string> Mp { get; init; } = [];

    public IReadOnlyList<string> Third { get; init; } = [];

    public IReadOnlyList<string> Direct { get; init; } = [];
}

/// <summary><c>GET/PUT /sandbox/authorizers/{appid}</c>.</summary>
public sealed class AuthorizerModel
{
    /// <summary>Read only: the appid of the route.</summary>
    public string? AppId { get; init; }

    public bool IsMiniProgram { get; init; } = true;

    public bool IsIndividual { get; init; }

    /// <summary>Hosts with an ICP filing; subdomains count as filed.</summary>
    public IReadOnlyList<string> IcpHosts { get; init; } = [];

    /// <summary>The authorizer_refresh_token api_authorizer_token accepts; a PUT without one gets a fresh one.</summary>
    public string? RefreshToken { get; init; }

    public DomainSourcesModel Domains { get; init; } = new();

    public WebviewSourcesModel WebviewDomains { get; init; } = new();

    /// <summary>DNS pre-resolution domains (hosts).</summary>
    public IReadOnlyList<string> PrefetchDnsDomains { get; init; } = [];

    /// <summary>How many DNS pre-resolution domains the account may have; absent means WeChat's default, 5.</summary>
    public int? PrefetchSizeLimit { get; init; }

    /// <summary>Read only: the authorizer's confirm file (get_webviewdomain_confirmfile).</summary>
    public ConfirmFileModel? ConfirmFile { get; init; }

    /// <summary>modify_domain and modify_domain_directly modifications in the current CST month (a PUT may set it).</summary>
    public int? ModificationsThisMonth { get; init; }

    /// <summary>Read only: every modify call that changed state (modify_domain, modify_domain_directly, setwebviewdomain).</summary>
    public long AppliedModifications { get; init; }

    /// <summary>Read only: <see cref="AppliedModifications"/> by api.</summary>
    public IReadOnlyDictionary<string, long> AppliedModificationsByApi { get; init; } = new Dictionary<string, long>();
}

/// <summary>
/// <c>PUT /sandbox/authorizers/{appid}/domains</c>: the authorizer's domains as set in WeChat's console, behind the
/// platform's back (the "mp" source of get_effective_domain and get_effective_webviewdomain). Each list given replaces
/// that list; a list left out stays as it was.
/// </summary>
public sealed class ConsoleDomainsModel
{
    public IReadOnlyList<string>? RequestDomain { get; init; }

    public IReadOnlyList<string>? WsRequestDomain { get; init; }

    public IReadOnlyList<string>? UploadDomain { get; init; }

    public IReadOnlyList<string>? DownloadDomain { get; init; }

    public IReadOnlyList<string>? UdpDomain { get; init; }

    public IReadOnlyList<string>? TcpDomain { get; init; }

    public IReadOnlyList<string>? WebviewDomain { get; init; }
}

/// <summary>A confirm file: <c>PUT /sandbox/hosts/{host}/confirmfile</c> places it at the host's root, as its owner would.</summary>
public sealed class ConfirmFileModel
{
    public required string FileName { get; init; }

    public required string FileContent { get; init; }
}

/// <summary>An access token minted for tests.</summary>
public sealed record MintedToken(string AccessToken, int ExpiresIn);

/// <summary>Body of the push routes.</summary>
public sealed record PushRequest(string? Url);

/// <summary>Body of <c>POST /sandbox/clock/advance</c>.</summary>
public sealed record ClockAdvance(double Seconds);

/// <summary>The sandbox clock.</summary>
public sealed record ClockModel(DateTimeOffset Now, double OffsetSeconds);

/// <summary>An admin request that could not be done.</summary>
public sealed record AdminError(string Error);
