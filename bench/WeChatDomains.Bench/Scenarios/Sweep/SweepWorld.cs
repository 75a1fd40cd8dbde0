using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WeChatDomains.Bench.Infra;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.Core.Tokens;
using WeChatDomains.Sandbox;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Bench.Scenarios.Sweep;

/// <summary>
/// Core's real <see cref="TokenProvider"/> and <see cref="TokenRefreshSweep"/>, registered as the hosts register them,
/// over simulated time, a simulated WeChat with latency, a Key Vault-like throttling vault and in-memory registry and
/// leases: what the refresh timer does, at scale, without waiting hours.
/// </summary>
internal sealed class SweepWorld : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    public SweepWorld(TimeSpan latency)
    {
        WeChat = new SimulatedWeChat(Clock) { Latency = latency };
        Vault = new ThrottlingVault(Clock);
        var services = new ServiceCollection().AddLogging(b => b.AddProvider(PulledForward)).AddMetrics()
            .AddSingleton<TimeProvider>(Clock)
            .AddSingleton<IWeChatClient>(WeChat)
            .AddSingleton<ISecretVault>(Vault)
            .AddSingleton<ILeaseStore>(new MemoryLeases(Clock))
            .AddSingleton<IAuthorizerRegistry>(Registry);
        services.AddWeChatTokens(o =>
        {
            o.ComponentAppId = SandboxSeed.PlatformAppId;
            o.ComponentAppSecret = SandboxSeed.PlatformSecret;
        });
        _services = services.BuildServiceProvider();
    }

    public SteppedClock Clock { get; } = new(Start);

    /// <summary>What the sweep pulled forward (from its log).</summary>
    public PullForwardCounter PulledForward { get; } = new();

    public SimulatedWeChat WeChat { get; }

    public ThrottlingVault Vault { get; }

    public MemoryRegistry Registry { get; } = new();

    public TokenRefreshSweep Sweep => _services.GetRequiredService<TokenRefreshSweep>();

    public static string AppIdOf(int i) => BenchWorld.AppIdOf(i);

    public void PushTicket() => Vault.Put(SecretNames.ComponentVerifyTicket, "ticket@@@simulated", Clock.GetUtcNow().AddHours(12));

    /// <summary>Authorizers whose tokens were all issued <paramref name="age"/> ago (all expire together).</summary>
    public void Onboard(int count, TimeSpan age)
    {
        var expiresAt = Clock.GetUtcNow() - age + TimeSpan.FromSeconds(7200);
        for (var i = 0; i < count; i++)
        {
            var appId = AppIdOf(i);
            Vault.Put(SecretNames.AuthorizerRefreshToken(appId), "refreshtoken@@@" + appId, null);
            Vault.Put(SecretNames.AuthorizerAccessToken(appId), WeChat.Issue().Value, expiresAt);
            Registry.Put(new AuthorizerRecord { AppId = appId, State = AuthorizerState.Active, AccessTokenExpiresAt = expiresAt });
        }
    }

    /// <summary>Smallest remaining lifetime of any access token in the vault now (the component's included).</summary>
    public TimeSpan SmallestRemaining() =>
        Vault.SoonestAccessTokenExpiry is { } soonest ? soonest - Clock.GetUtcNow() : TimeSpan.MaxValue;

    public void Dispose() => _services.Dispose();
}
