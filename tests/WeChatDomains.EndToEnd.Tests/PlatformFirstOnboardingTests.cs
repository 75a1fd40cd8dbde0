using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Testing;

namespace WeChatDomains.EndToEnd.Tests;

/// <summary>
/// Issue 14's "done when": a new authorizer is set up end to end through our API alone, the platform first (its server
/// and business domains, published together, and the confirm file), then the authorizer's server and business domains.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class PlatformFirstOnboardingTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string NewAppId = "wx0b1c2d3e4f5a6b7c";
    private const string ServerHost = "api.newbrand.com";
    private const string BusinessHost = "h5.newbrand.com";

    private LocalSystem _system = null!;

    public async Task InitializeAsync() => _system = await LocalSystem.StartAsync(azurite);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task Onboarding_PlatformFirst_SetsUpANewAuthorizerThroughTheApiAlone()
    {
        await _system.Sandbox.PutAuthorizerAsync(NewAppId, new AuthorizerModel { IcpHosts = ["newbrand.com"] });
        await _system.OnboardAsync(NewAppId);

        await SucceedsAsync("pf-server", "modify_wxa_server_domain", null, new { action = "add", wxa_server_domain = ServerHost, is_modify_published_together = true });
        var file = await SucceedsAsync("pf-confirmfile", "get_domain_confirmfile", null, new { });
        await PlaceConfirmFileAsync(BusinessHost, file);
        var jump = await SucceedsAsync("pf-business", "modify_wxa_jump_domain", null, new { action = "add", wxa_jump_h5_domain = BusinessHost, is_modify_published_together = true });
        await SucceedsAsync("pf-authorizer-server", "modify_domain", NewAppId, new { action = "add", requestdomain = new[] { "https://" + ServerHost } });
        await SucceedsAsync("pf-authorizer-business", "setwebviewdomain", NewAppId, new { action = "add", webviewdomain = new[] { "https://" + BusinessHost } });

        Assert.Contains(BusinessHost, jump["published"]!.AsArray().Select(h => h!.GetValue<string>()));
        var platform = await _system.Sandbox.GetPlatformAsync();
        Assert.Contains(ServerHost, platform.ServerDomains);
        Assert.Contains(BusinessHost, platform.JumpDomains.Published);
        var lane = await _system.Api.GetFromJsonAsync<JsonObject>("api/commands?authorizer=component&pageSize=20");
        Assert.Equal(
            ["get_domain_confirmfile", "modify_wxa_jump_domain", "modify_wxa_server_domain"],
            lane!["items"]!.AsArray().Select(c => c!["api"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var authorizer = await _system.Sandbox.GetAuthorizerAsync(NewAppId);
        Assert.Equal(["https://" + ServerHost], authorizer.Domains.Third.RequestDomain);
        Assert.Equal(["https://" + BusinessHost], authorizer.WebviewDomains.Third);
    }

    [Fact]
    public async Task Onboarding_AuthorizerBeforeThePlatform_FailsAsConfigurationSayingToRegisterThePlatformFirst()
    {
        await _system.Sandbox.PutAuthorizerAsync(NewAppId, new AuthorizerModel { IcpHosts = ["newbrand.com"] });
        await _system.OnboardAsync(NewAppId);

        using var response = await _system.SubmitAsync(Command("pf-too-early", "modify_domain", NewAppId, new { action = "add", requestdomain = new[] { "https://" + ServerHost } }));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var end = await _system.WaitForEndAsync("pf-too-early");
        Assert.Equal(("Failed", 85018, "Configuration"), (end.State, end.LastErrorCode, end.ErrorClass));
        var status = await _system.Api.GetFromJsonAsync<JsonObject>("api/commands/pf-too-early");
        Assert.Contains("modify_wxa_server_domain", status!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static object Command(string commandId, string api, string? appId, object body) => appId is null
        ? new { commandId, api, body, requestedBy = "e2e-platform-first" }
        : new { commandId, api, authorizerAppId = appId, body, requestedBy = "e2e-platform-first" };

    /// <summary>Submits the command, waits for its end, requires Succeeded, and returns the response WeChat gave.</summary>
    private async Task<JsonObject> SucceedsAsync(string commandId, string api, string? appId, object body)
    {
        using var response = await _system.SubmitAsync(Command(commandId, api, appId, body));
        Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"{commandId}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var end = await _system.WaitForEndAsync(commandId);
        Assert.True(end.State == "Succeeded", $"{commandId} ({api}) ended {end.State} with errcode {end.LastErrorCode} ({end.ErrorClass})");
        var status = await _system.Api.GetFromJsonAsync<JsonObject>($"api/commands/{commandId}");
        return status!["response"]!.AsObject();
    }

    private async Task PlaceConfirmFileAsync(string host, JsonObject file)
    {
        using var placed = await _system.Sandbox.Admin.PutAsJsonAsync(
            $"sandbox/hosts/{host}/confirmfile",
            new { fileName = file["fileName"]!.GetValue<string>(), fileContent = file["fileContent"]!.GetValue<string>() });
        placed.EnsureSuccessStatusCode();
    }
}
