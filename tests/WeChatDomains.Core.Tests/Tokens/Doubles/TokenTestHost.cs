using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Core.Tests.Tokens.Doubles;

/// <summary>
/// One shared world (fake clock, vault, leases, registry, WeChat, log collector) and factories for provider and sweep
/// "instances" over it, as several hosts would share Key Vault and Table Storage.
/// </summary>
internal sealed class TokenTestHost : IDisposable
{
    public const string ComponentAppId = "wxcomponent0000001";
    public const string ComponentSecret = "component-app-secret-do-not-log";
    public const string Ticket = "ticket@@@secret-verify-ticket-value";

    public TokenTestHost()
    {
        Vault = new InMemorySecretVault(Time);
        Leases = new InMemoryLeaseStore(Time);
        WeChat = new FakeWeChat(Time);
        Time.BackgroundDueTime = Options.RefreshLeaseDuration / TokenConstants.LeaseRenewalsPerDuration;
    }

    public SteppingClock Time { get; } = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

    public InMemorySecretVault Vault { get; }

    public InMemoryLeaseStore Leases { get; }

    public InMemoryAuthorizerRegistry Registry { get; } = new();

    public FakeWeChat WeChat { get; }

    public FakeLogCollector Logs { get; } = new();

    public TestMeterFactory Meters { get; } = new();

    public TokenOptions Options { get; } = new() { ComponentAppId = ComponentAppId, ComponentAppSecret = ComponentSecret };

    public VaultWriteLimiter Limiter => _limiter ??= new VaultWriteLimiter(Microsoft.Extensions.Options.Options.Create(Options), Time);

    public TokenMetrics Metrics => _metrics ??= new TokenMetrics(Meters, Time);

    private VaultWriteLimiter? _limiter;
    private TokenMetrics? _metrics;

    /// <summary>A new provider instance (its own cache and locks) over the shared world.</summary>
    public TokenProvider CreateProvider(ISecretVault? vault = null) => new(
        WeChat.Mock.Object, vault ?? Vault, Leases, Registry, Limiter, Metrics, Microsoft.Extensions.Options.Options.Create(Options), Time,
        new FakeLogger<TokenProvider>(Logs));

    public TokenRefreshSweep CreateSweep(TokenProvider? provider = null) => new(
        provider ?? CreateProvider(), Registry, Leases, Metrics, Microsoft.Extensions.Options.Options.Create(Options), Time,
        new FakeLogger<TokenRefreshSweep>(Logs));

    public void PushTicket() => Vault.Put(SecretNames.ComponentVerifyTicket, Ticket, Time.GetUtcNow().AddHours(12));

    public static string RefreshTokenOf(string appId) => $"refresh-secret-{appId}-initial";

    /// <summary>An Active authorizer with a refresh token and, optionally, a current access token known to WeChat.</summary>
    public void AddAuthorizer(string appId, DateTimeOffset? tokenExpiresAt = null)
    {
        Vault.Put(SecretNames.AuthorizerRefreshToken(appId), RefreshTokenOf(appId), null);
        if (tokenExpiresAt is { } expiresAt)
        {
            var token = WeChat.Know($"authorizer-secret-token-{appId}-", expiresAt);
            Vault.Put(SecretNames.AuthorizerAccessToken(appId), token.Value, expiresAt);
        }

        Registry.Put(new AuthorizerRecord { AppId = appId, State = AuthorizerState.Active, AccessTokenExpiresAt = tokenExpiresAt });
    }

    public static string AppIdOf(int i) => $"wx{i:D16}";

    /// <summary>
    /// Runs <paramref name="task"/> to completion, moving the fake clock to the next armed timer whenever one is
    /// waiting (write-limiter waits, lease polls), never further; lease renewals alone do not move it (they run beside
    /// the work, <see cref="SteppingClock.BackgroundDueTime"/>). Fails past <paramref name="limit"/> of fake time.
    /// </summary>
    public async Task<T> DriveAsync<T>(Task<T> task, TimeSpan? limit = null)
    {
        Time.BackgroundDueTime = Options.RefreshLeaseDuration / TokenConstants.LeaseRenewalsPerDuration;
        var until = Time.GetUtcNow() + (limit ?? TimeSpan.FromHours(1));
        for (var spins = 0; !task.IsCompleted; spins++)
        {
            if (Time.GetUtcNow() > until || spins > 5_000_000)
            {
                throw new TimeoutException($"The task did not finish within {limit} of fake time ({spins} spins, now {Time.GetUtcNow():O}, next timer {Time.NextDue:O}, {Vault.WriteCount} writes).");
            }

            if (Time.NextDue is { } due && due <= until)
            {
                Time.AdvanceToNextDue();
            }

            await Task.Yield();
        }

        return await task;
    }

    public void Dispose() => Meters.Dispose();
}
