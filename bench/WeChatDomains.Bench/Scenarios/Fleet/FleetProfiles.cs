using System.Text.Json;
using WeChatDomains.Core.Processing;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Bench.Scenarios.Fleet;

/// <summary>One version of the fleet's domains: what the profile says, and the same lists as the sandbox and the registry hold them.</summary>
internal sealed record FleetDomains(string ApiHost, string H5Host)
{
    public string Request => "https://" + ApiHost;

    public string Socket => "wss://" + ApiHost;

    public string Webview => "https://" + H5Host;

    /// <summary>The profile document (registered mode, the default profile), as <c>PUT /api/profiles/{name}</c> takes it.</summary>
    public string ProfileJson() => JsonSerializer.Serialize(new
    {
        mode = "registered",
        platform = new { serverDomains = new[] { ApiHost }, jumpDomains = new[] { H5Host }, publishTogether = true },
        server = new
        {
            requestdomain = new[] { Request },
            wsrequestdomain = new[] { Socket },
            uploaddomain = Array.Empty<string>(),
            downloaddomain = Array.Empty<string>(),
            udpdomain = Array.Empty<string>(),
            tcpdomain = Array.Empty<string>(),
        },
        webviewdomain = new[] { Webview },
        @default = true,
        autoCorrect = false,
    });

    /// <summary>The server domains of the "third" source (what modify_domain sets) in the sandbox.</summary>
    public ServerDomainsModel SandboxServer() => new() { RequestDomain = [Request], WsRequestDomain = [Socket] };

    /// <summary>The last known server domains as the Host records them after a get or a modify.</summary>
    public string RegistryServerJson() => JsonSerializer.Serialize(
        new ServerDomains { RequestDomain = [Request], WsRequestDomain = [Socket], UploadDomain = [], DownloadDomain = [] }, ResponseJson.Options);

    /// <summary>A source with no server domains, as a get records it.</summary>
    public static readonly string EmptyServerJson = JsonSerializer.Serialize(
        new ServerDomains { RequestDomain = [], WsRequestDomain = [], UploadDomain = [], DownloadDomain = [] }, ResponseJson.Options);

    /// <summary>A source with no business domains.</summary>
    public static readonly string EmptyWebviewJson = JsonSerializer.Serialize(Array.Empty<string>(), ResponseJson.Options);

    /// <summary>The last known business domains as the Host records them.</summary>
    public string RegistryWebviewJson() => JsonSerializer.Serialize(new[] { Webview }, ResponseJson.Options);

    /// <summary>Whether the sandbox's third-party lists are exactly these.</summary>
    public bool IsHeldBy(AuthorizerModel authorizer) =>
        authorizer.Domains.Third.RequestDomain.SequenceEqual([Request], StringComparer.OrdinalIgnoreCase) &&
        authorizer.Domains.Third.WsRequestDomain.SequenceEqual([Socket], StringComparer.OrdinalIgnoreCase) &&
        authorizer.Domains.Third.UploadDomain.Count == 0 && authorizer.Domains.Third.DownloadDomain.Count == 0 &&
        authorizer.WebviewDomains.Third.SequenceEqual([Webview], StringComparer.OrdinalIgnoreCase);
}

/// <summary>The two versions of the bench's profile.</summary>
internal static class FleetProfiles
{
    public const string Name = "fleet";

    /// <summary>Every authorizer starts here.</summary>
    public static readonly FleetDomains V1 = new("api.example.com", "h5.example.com");

    /// <summary>The fleet moves here: a new API host and a new H5 host.</summary>
    public static readonly FleetDomains V2 = new("api-v2.example.com", "h5-v2.example.com");
}
