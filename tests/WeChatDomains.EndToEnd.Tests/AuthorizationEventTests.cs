using System.Net.Http.Json;
using WeChatDomains.Core.Ports;
using WeChatDomains.Sandbox;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Testing;

namespace WeChatDomains.EndToEnd.Tests;

/// <summary>Authorization events over the wire: a replayed <c>unauthorized</c> never revokes a live authorizer (issue 18).</summary>
[Collection(AzuriteCollection.Name)]
public sealed class AuthorizationEventTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string AppId = SandboxSeed.MiniProgramAppId;
    private LocalSystem _system = null!;

    public async Task InitializeAsync() => _system = await LocalSystem.StartAsync(azurite);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task WeChatEvents_UnauthorizedReplayedAfterReauthorization_Issue18_AuthorizerStaysActiveWithItsRefreshToken()
    {
        await _system.OnboardAsync(AppId);
        await _system.PushAsync($"sandbox/authorizers/{AppId}/unauthorize");
        Assert.Equal("Revoked", (await AuthorizerAsync()).State);
        await _system.PushAsync($"sandbox/authorizers/{AppId}/authorize");
        var pushes = await _system.Sandbox.Admin.GetFromJsonAsync<PushModel[]>("sandbox/pushes");
        var unauthorized = Assert.Single(pushes!, p => p.InfoType == "unauthorized");

        await _system.PushAsync($"sandbox/pushes/{unauthorized.Id}/resend");

        Assert.Equal("Active", (await AuthorizerAsync()).State);
        var refreshToken = await _system.Vault.GetAsync(SecretNames.AuthorizerRefreshToken(AppId));
        Assert.Equal((await _system.Sandbox.GetAuthorizerAsync(AppId)).RefreshToken, refreshToken?.Value);
    }

    private async Task<AuthorizerView> AuthorizerAsync() =>
        (await _system.Api.GetFromJsonAsync<AuthorizerView>($"api/authorizers/{AppId}"))!;
}
