using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.Core.Tests.Tokens.Doubles;
using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Core.Tests.Tokens;

public sealed class TokenRefreshSweepTests : IDisposable
{
    private readonly TokenTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private TokenRefreshSweep CreateSut() => _host.CreateSweep();

    private DateTimeOffset Now => _host.Time.GetUtcNow();

    [Fact]
    public async Task RunAsync_SweepLeaseHeldElsewhere_DoesNothing()
    {
        _host.PushTicket();
        _host.AddAuthorizer("wx0000000000000001");
        await using var other = await _host.Leases.TryAcquireAsync(TokenConstants.SweepLeaseName, TimeSpan.FromMinutes(5));

        var result = await CreateSut().RunAsync();

        Assert.False(result.Ran);
        Assert.Equal(0, _host.WeChat.AuthorizerCalls);
    }

    [Fact]
    public async Task RunAsync_DueAndNotDueAuthorizers_RefreshesOnlyTheDueAndRecordsTheOutcome()
    {
        _host.PushTicket();
        _host.AddAuthorizer("wx0000000000000001");
        _host.AddAuthorizer("wx0000000000000002", Now.AddMinutes(20));
        _host.AddAuthorizer("wx0000000000000003", Now.AddMinutes(115));

        var result = await CreateSut().RunAsync();

        Assert.Equal(3, result.Refreshed);
        Assert.Equal(1, result.Skipped);
        Assert.Equal(0, result.Failed);
        var recorded = _host.Registry.Peek("wx0000000000000001")!;
        Assert.Equal(Now + FakeWeChat.TokenLifetime, recorded.AccessTokenExpiresAt);
        Assert.Equal(Now, recorded.LastRefreshAt);
        Assert.Equal(0, recorded.LastRefreshErrorCode);
        Assert.Equal(Now.AddMinutes(115), result.NearestExpiry);
    }

    [Theory]
    [InlineData(61023)]
    [InlineData(61003)]
    [InlineData(42002)]
    public async Task RunAsync_RefreshTokenRefused_MarksNeedsReauthorization(int code)
    {
        _host.PushTicket();
        _host.AddAuthorizer("wx0000000000000001");
        _host.AddAuthorizer("wx0000000000000002");
        _host.WeChat.AuthorizerErrorCode = appId => appId == "wx0000000000000001" ? code : 0;

        var result = await CreateSut().RunAsync();

        Assert.Equal(["wx0000000000000001"], result.NeedsReauthorization);
        var record = _host.Registry.Peek("wx0000000000000001")!;
        Assert.Equal(AuthorizerState.NeedsReauthorization, record.State);
        Assert.Equal(code, record.LastRefreshErrorCode);
        Assert.Equal(AuthorizerState.Active, _host.Registry.Peek("wx0000000000000002")!.State);
    }

    [Fact]
    public async Task RunAsync_NoTicketYet_ReportsItAndStopsWithoutThrowing()
    {
        _host.AddAuthorizer("wx0000000000000001");

        var result = await CreateSut().RunAsync();

        Assert.True(result.TicketMissing);
        Assert.Equal(61006, result.TicketErrorCode);
        Assert.Equal(0, _host.WeChat.AuthorizerCalls);
    }

    [Theory]
    [InlineData(61005)]
    [InlineData(61006)]
    public async Task RunAsync_TicketRefused_ReportsItAndStops(int code)
    {
        _host.PushTicket();
        _host.AddAuthorizer("wx0000000000000001");
        _host.WeChat.ComponentErrorCode = () => code;

        var result = await CreateSut().RunAsync();

        Assert.False(result.TicketMissing);
        Assert.Equal(code, result.TicketErrorCode);
        Assert.Equal(0, _host.WeChat.AuthorizerCalls);
    }

    [Fact]
    public async Task RunAsync_NoRefreshTokenStored_ReportsTheAuthorizer()
    {
        _host.PushTicket();
        _host.AddAuthorizer("wx0000000000000001");
        await _host.Vault.DeleteAsync(SecretNames.AuthorizerRefreshToken("wx0000000000000001"));

        var result = await CreateSut().RunAsync();

        Assert.Equal(["wx0000000000000001"], result.MissingRefreshToken);
        var record = _host.Registry.Peek("wx0000000000000001")!;
        Assert.Equal(TokenConstants.UnavailableErrorCode, record.LastRefreshErrorCode);
        Assert.Equal(AuthorizerState.Active, record.State);
    }

    [Fact]
    public async Task RunAsync_RefreshTokenMissingButListedByWeChat_Issue18_RestoredAndRefreshed()
    {
        _host.PushTicket();
        _host.AddAuthorizer("wx0000000000000001");
        await _host.Vault.DeleteAsync(SecretNames.AuthorizerRefreshToken("wx0000000000000001"));
        _host.WeChat.Listed["wx0000000000000001"] = TokenTestHost.RefreshTokenOf("wx0000000000000001");

        var result = await CreateSut().RunAsync();

        Assert.Empty(result.MissingRefreshToken);
        Assert.Equal(1, _host.WeChat.AuthorizerCalls);
        Assert.Equal(TokenTestHost.RefreshTokenOf("wx0000000000000001"), _host.Vault.Peek(SecretNames.AuthorizerRefreshToken("wx0000000000000001"))?.Value);
        Assert.Equal(AuthorizerState.Active, _host.Registry.Peek("wx0000000000000001")!.State);
    }

    [Fact]
    public async Task RunAsync_RegistryEntryChangedMeanwhile_RereadsAndRecordsWithTheNewETag()
    {
        _host.PushTicket();
        _host.AddAuthorizer("wx0000000000000001");
        _host.Registry.PendingConflicts["wx0000000000000001"] = 2;

        await CreateSut().RunAsync();

        Assert.Equal(2, _host.Registry.Conflicts);
        Assert.Equal(Now + FakeWeChat.TokenLifetime, _host.Registry.Peek("wx0000000000000001")!.AccessTokenExpiresAt);
    }

    [Fact]
    public async Task RunAsync_VaultWriteFaults_ReportedAndPickedUpByTheNextSweep()
    {
        _host.PushTicket();
        for (var i = 0; i < 20; i++)
        {
            _host.AddAuthorizer(TokenTestHost.AppIdOf(i));
        }

        await CreateSut().RunAsync();
        var failing = true;
        _host.Vault.WriteFault = name => failing && name.EndsWith("7-access-token", StringComparison.Ordinal)
            ? new InvalidOperationException("vault unavailable") : null;
        _host.Time.Advance(TimeSpan.FromMinutes(100));

        var faulted = await CreateSut().RunAsync();
        failing = false;
        var retried = await CreateSut().RunAsync();

        Assert.Equal(2, faulted.FailedByErrorCode[-1]);
        Assert.Equal(2, retried.Refreshed);
        Assert.All(_host.Vault.All.Where(s => s.Name.EndsWith("-access-token", StringComparison.Ordinal)),
            s => Assert.True(s.ExpiresOn > Now.AddMinutes(60)));
    }

    [Fact]
    public async Task RunAsync_TwoInstancesAtOnce_RefreshEachTokenOnce()
    {
        _host.PushTicket();
        for (var i = 0; i < 200; i++)
        {
            _host.AddAuthorizer(TokenTestHost.AppIdOf(i));
        }

        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.WeChat.Gate = gate.Task;
        var first = Task.Run(() => _host.CreateSweep().RunAsync());
        var second = Task.Run(() => _host.CreateSweep().RunAsync());
        gate.SetResult();
        var results = await _host.DriveAsync(Task.WhenAll(first, second));
        var third = await _host.CreateSweep().RunAsync();

        Assert.Equal(201, results.Sum(r => r.Refreshed));
        Assert.Equal(200, _host.WeChat.AuthorizerCalls);
        Assert.Equal(1, _host.WeChat.ComponentCalls);
        Assert.Equal(0, third.Refreshed);
    }

    [Fact]
    public async Task RunAsync_MoreComingDueThanTheWriteBudgetDoesByTheirSlots_Issue16_RefreshesTheSoonestNow()
    {
        var expiresAt = AddBurst(600, Now.AddMinutes(75));
        _host.Options.VaultWritesPerWindow = 2;

        var result = await _host.DriveAsync(CreateSut().RunAsync());

        var refreshed = Authorizers(600).Where(r => r.AccessTokenExpiresAt != expiresAt).ToList();
        var waiting = Authorizers(600).Where(r => r.AccessTokenExpiresAt == expiresAt).ToList();
        Assert.NotEmpty(refreshed);
        Assert.NotEmpty(waiting);
        Assert.Equal(refreshed.Count + 1, result.Refreshed);
        Assert.True(refreshed.Min(r => Offset(r.AppId)) >= waiting.Max(r => Offset(r.AppId)), "the soonest due are the ones refreshed");
        Assert.Contains(_host.Logs.GetSnapshot(), r => r.Id.Id == 3028);
    }

    [Fact]
    public async Task RunAsync_LookaheadTurnedOff_RefreshesOnlyTheDue()
    {
        AddBurst(600, Now.AddMinutes(75));
        _host.Options.VaultWritesPerWindow = 2;
        _host.Options.RefreshLookahead = TimeSpan.Zero;

        var result = await _host.DriveAsync(CreateSut().RunAsync());

        Assert.Equal(1, result.Refreshed);
        Assert.Equal(0, _host.WeChat.AuthorizerCalls);
    }

    [Fact]
    public async Task RunAsync_BudgetKeepsUpWithTheSlots_PullsNothingForward()
    {
        AddBurst(60, Now.AddMinutes(75));
        _host.Options.VaultWritesPerWindow = 2;

        var result = await _host.DriveAsync(CreateSut().RunAsync());

        Assert.Equal(1, result.Refreshed);
        Assert.DoesNotContain(_host.Logs.GetSnapshot(), r => r.Id.Id == 3028);
    }

    private DateTimeOffset AddBurst(int count, DateTimeOffset expiresAt)
    {
        _host.PushTicket();
        for (var i = 0; i < count; i++)
        {
            _host.AddAuthorizer(TokenTestHost.AppIdOf(i), expiresAt);
        }

        return expiresAt;
    }

    private IEnumerable<AuthorizerRecord> Authorizers(int count) =>
        Enumerable.Range(0, count).Select(i => _host.Registry.Peek(TokenTestHost.AppIdOf(i))!);

    private static TimeSpan Offset(string appId) => RefreshSlots.OffsetOf(appId, TokenConstants.DefaultRefreshSpread);
}
