using System.Net.Http.Json;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WeChatDomains.Azure.Hosting;
using WeChatDomains.Core.Api;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.Core.Tokens;
using WeChatDomains.Sandbox;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Pipeline.Tests;

/// <summary>
/// Tokens with the production wiring (<see cref="AdapterServiceCollectionExtensions.AddWeChatDomainsAdapters"/>): pushes
/// from the sandbox through the push endpoint, the file vault, the registry and leases on Azurite, the client against the
/// sandbox. Two service providers sharing storage and vault stand for two instances.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TokenFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private readonly string _tablePrefix = AzuriteFixture.UniqueName("t");
    private readonly DirectoryInfo _vault = Directory.CreateTempSubdirectory("wechatdomains-vault-");
    private SandboxServer _sandbox = null!;
    private SandboxPushRecorder _pushes = null!;
    private FakeTimeProvider _time = null!;

    public async Task InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync();
        _pushes = await SandboxPushRecorder.StartAsync();
        _time = new FakeTimeProvider(await _sandbox.GetClockAsync());
    }

    public async Task DisposeAsync()
    {
        await _pushes.DisposeAsync();
        await _sandbox.DisposeAsync();
        _vault.Delete(recursive: true);
    }

    [Fact]
    public async Task Onboarding_TicketAndAuthorizedPushes_StoreSecretsAndRegisterActiveAuthorizers()
    {
        await using var instance = CreateInstance();

        await OnboardAsync(instance);

        var vault = instance.GetRequiredService<ISecretVault>();
        Assert.NotNull(await vault.GetAsync(SecretNames.ComponentVerifyTicket));
        foreach (var appId in SandboxSeed.AuthorizerAppIds)
        {
            Assert.Equal(AuthorizerState.Active, (await instance.GetRequiredService<IAuthorizerRegistry>().GetAsync(appId))!.State);
            Assert.NotNull(await vault.GetAsync(SecretNames.AuthorizerRefreshToken(appId)));
        }
    }

    [Fact]
    public async Task Sweep_TwoInstancesAtOnce_RefreshEachTokenOnce()
    {
        await using var first = CreateInstance();
        await using var second = CreateInstance();
        await OnboardAsync(first);
        var before = await _sandbox.GetCallsAsync();

        await AdvanceAsync(TimeSpan.FromMinutes(105));
        var results = await Task.WhenAll(
            first.GetRequiredService<TokenRefreshSweep>().RunAsync(),
            second.GetRequiredService<TokenRefreshSweep>().RunAsync());

        var calls = await _sandbox.GetCallsAsync();
        Assert.Equal(SandboxSeed.AuthorizerAppIds.Count, calls[WeChatApi.AuthorizerToken] - before.GetValueOrDefault(WeChatApi.AuthorizerToken));
        Assert.Equal(1, calls[WeChatApi.ComponentToken] - before.GetValueOrDefault(WeChatApi.ComponentToken));
        Assert.Single(results, r => r.Ran);
        foreach (var appId in SandboxSeed.AuthorizerAppIds)
        {
            var registered = await first.GetRequiredService<IAuthorizerRegistry>().GetAsync(appId);
            Assert.True(registered!.AccessTokenExpiresAt > _time.GetUtcNow() + TimeSpan.FromHours(1));
        }
    }

    [Fact]
    public async Task WithToken_Forced40001_RefreshesOnceAndReplaysOnce()
    {
        await using var instance = CreateInstance();
        await OnboardAsync(instance);
        var tokens = instance.GetRequiredService<ITokenProvider>();
        var client = instance.GetRequiredService<IWeChatClient>();
        await tokens.GetAuthorizerTokenAsync(SandboxSeed.MiniProgramAppId);
        await _sandbox.SetFaultsAsync(new FaultSettings { Seed = 1, Apis = new(StringComparer.Ordinal) { [WeChatApi.GetEffectiveDomain] = new ApiFaults { Errcodes = new() { [40001] = 1.0 } } } });
        var before = await _sandbox.GetCallsAsync();

        var result = await tokens.WithTokenAsync(TokenKey.Authorizer(SandboxSeed.MiniProgramAppId), client.GetEffectiveDomainAsync);

        var calls = await _sandbox.GetCallsAsync();
        Assert.Equal(40001, result.ErrorCode.Value);
        Assert.Equal(2, calls[WeChatApi.GetEffectiveDomain] - before.GetValueOrDefault(WeChatApi.GetEffectiveDomain));
        Assert.Equal(1, calls[WeChatApi.AuthorizerToken] - before.GetValueOrDefault(WeChatApi.AuthorizerToken));
    }

    private ServiceProvider CreateInstance()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TableStorage:ConnectionString"] = azurite.ConnectionString,
            ["TableStorage:TablePrefix"] = _tablePrefix,
            ["WeChatClient:BaseUrl"] = _sandbox.BaseAddress.ToString(),
            ["LocalVault:Folder"] = _vault.FullName,
            ["Platform:AppId"] = SandboxSeed.PlatformAppId,
            ["Platform:AppSecret"] = SandboxSeed.PlatformSecret,
            ["Platform:Token"] = SandboxSeed.PlatformToken,
            ["Platform:EncodingAesKey"] = SandboxSeed.EncodingAesKey,
        }).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddMetrics()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(_time);
        services.AddWeChatDomainsAdapters(configuration, storageConnectionString: null);
        return services.BuildServiceProvider();
    }

    private async Task OnboardAsync(IServiceProvider instance)
    {
        var endpoint = instance.GetRequiredService<PushEndpoint>();
        (await _sandbox.Admin.PostAsJsonAsync("sandbox/push-ticket", new { url = _pushes.Url })).EnsureSuccessStatusCode();
        await DeliverLastPushAsync(endpoint);
        foreach (var appId in SandboxSeed.AuthorizerAppIds)
        {
            (await _sandbox.Admin.PostAsJsonAsync($"sandbox/authorizers/{appId}/authorize", new { url = _pushes.Url })).EnsureSuccessStatusCode();
            await DeliverLastPushAsync(endpoint);
        }
    }

    private async Task DeliverLastPushAsync(PushEndpoint endpoint)
    {
        var push = _pushes.Pushes[^1];
        var answer = await endpoint.ReceiveAsync(push.Query.ToDictionary(p => p.Key, p => (string?)p.Value), Encoding.UTF8.GetBytes(push.Body));
        Assert.Equal(200, answer.StatusCode);
        Assert.Equal("success", answer.Body);
    }

    private async Task AdvanceAsync(TimeSpan by)
    {
        _time.Advance(by);
        await _sandbox.AdvanceClockAsync(by);
    }
}
