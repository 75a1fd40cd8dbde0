using Microsoft.Extensions.DependencyInjection;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Sandbox.Tests.Support;
using WeChatDomains.Testing;
using WeChatDomains.WeChat;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Sandbox.Tests.Contract;

/// <summary>
/// Base of the contract specifications: the project's <see cref="IWeChatClient"/>, built as the hosts build it,
/// talks to the in-process sandbox over HTTP; the admin API shows the state each call left behind.
/// </summary>
public abstract class ContractTest(SandboxServer sandbox) : SandboxTest(sandbox)
{
    /// <summary>Retries the client makes after the first attempt.</summary>
    protected const int RetryCount = 3;

    private readonly List<ServiceProvider> _providers = [];

    public override async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>The client under test, pointed at the sandbox, with millisecond backoff.</summary>
    protected IWeChatClient CreateSut()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddWeChatClient(o =>
        {
            o.BaseUrl = Sandbox.BaseAddress;
            o.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.MaxDelay = TimeSpan.FromMilliseconds(5);
            o.RetryCount = RetryCount;
            o.AttemptTimeout = TimeSpan.FromSeconds(10);
        });
        var provider = services.BuildServiceProvider();
        _providers.Add(provider);
        return provider.GetRequiredService<IWeChatClient>();
    }

    protected async Task<AccessToken> AuthorizerTokenAsync(string appId = SandboxSeed.MiniProgramAppId) =>
        new(await Sandbox.MintAuthorizerTokenAsync(appId));

    protected async Task<AccessToken> ComponentTokenAsync() => new(await Sandbox.MintComponentTokenAsync());

    /// <summary>Replaces the platform with a copy of the current one, changed by the given values.</summary>
    protected async Task ChangePlatformAsync(
        bool? published = null,
        IReadOnlyList<string>? serverDomains = null,
        JumpDomainsModel? jumpDomains = null,
        IReadOnlyList<string>? verifiedHosts = null)
    {
        var platform = await Sandbox.GetPlatformAsync();
        await Sandbox.PutPlatformAsync(new PlatformModel
        {
            AppId = platform.AppId,
            Secret = platform.Secret,
            Token = platform.Token,
            EncodingAesKey = platform.EncodingAesKey,
            Published = published ?? platform.Published,
            ServerDomains = serverDomains ?? platform.ServerDomains,
            JumpDomains = jumpDomains ?? platform.JumpDomains,
            VerifiedHosts = verifiedHosts ?? platform.VerifiedHosts,
        });
    }

    protected static ModifyDomainRequest Get() => new(DomainAction.Get, new ServerDomains());

    protected static ModifyDomainRequest AddRequest(params string[] requestDomains) =>
        new(DomainAction.Add, new ServerDomains { RequestDomain = requestDomains });

    protected static string[] Hosts(int count, string scheme, string prefix) =>
        [.. Enumerable.Range(0, count).Select(i => $"{scheme}://{prefix}{i}.example.com")];
}
