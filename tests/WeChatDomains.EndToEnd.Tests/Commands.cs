using WeChatDomains.Sandbox;

namespace WeChatDomains.EndToEnd.Tests;

/// <summary>Command bodies as an upstream system sends them (DESIGN section 2).</summary>
internal static class Commands
{
    /// <summary>modify_domain add of one of the platform's server domains.</summary>
    public static object AddRequestDomain(string commandId, string appId = SandboxSeed.MiniProgramAppId) => new
    {
        commandId,
        api = "modify_domain",
        authorizerAppId = appId,
        body = new { action = "add", requestdomain = new[] { "https://api.example.com" } },
        requestedBy = "end-to-end tests",
    };
}
