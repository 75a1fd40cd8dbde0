using Moq;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Tests.Tokens.Doubles;
using WeChatDomains.Core.Tokens;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Tests.Tokens;

public sealed class TokenProviderTests : IDisposable
{
    private const string AppId = "wx00000000000000a1";
    private readonly TokenTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private TokenProvider CreateSut() => _host.CreateProvider();

    [Fact]
    public async Task GetComponentTokenAsync_NoTicketStored_ReturnsMissing61006WithoutCallingWeChat()
    {
        var lookup = await CreateSut().GetComponentTokenAsync();

        Assert.Null(lookup.Token);
        Assert.Equal(61006, lookup.ErrorCode);
        Assert.Contains("component_verify_ticket", lookup.Error, StringComparison.Ordinal);
        Assert.Equal(0, _host.WeChat.ComponentCalls);
    }

    [Fact]
    public async Task GetComponentTokenAsync_NothingStored_RefreshesWithTicketAndStoresWithExpiry()
    {
        _host.PushTicket();

        var lookup = await CreateSut().GetComponentTokenAsync();

        Assert.NotNull(lookup.Token);
        Assert.Equal(_host.Time.GetUtcNow() + FakeWeChat.TokenLifetime, lookup.ExpiresAt);
        var stored = _host.Vault.Peek(SecretNames.ComponentAccessToken);
        Assert.Equal(lookup.Token.Value, stored?.Value);
        Assert.Equal(lookup.ExpiresAt, stored?.ExpiresOn);
        _host.WeChat.Mock.Verify(c => c.GetComponentTokenAsync(
            It.Is<ComponentTokenRequest>(r => r.ComponentAppId == TokenTestHost.ComponentAppId
                && r.ComponentAppSecret == TokenTestHost.ComponentSecret && r.ComponentVerifyTicket == TokenTestHost.Ticket),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task GetComponentTokenAsync_SecondCall_ServedFromCacheWithoutVaultRead()
    {
        _host.PushTicket();
        var sut = CreateSut();
        var first = await sut.GetComponentTokenAsync();
        var readsAfterFirst = _host.Vault.Reads;

        var second = await sut.GetComponentTokenAsync();

        Assert.Equal(first.Token, second.Token);
        Assert.Equal(readsAfterFirst, _host.Vault.Reads);
    }

    [Fact]
    public async Task GetComponentTokenAsync_WithinEarlyRefreshMargin_RefreshesBeforeServing()
    {
        _host.PushTicket();
        var sut = CreateSut();
        var first = await sut.GetComponentTokenAsync();

        _host.Time.Advance(FakeWeChat.TokenLifetime - _host.Options.EarlyRefreshMargin + TimeSpan.FromSeconds(1));
        var second = await sut.GetComponentTokenAsync();

        Assert.NotEqual(first.Token, second.Token);
        Assert.Equal(2, _host.WeChat.ComponentCalls);
    }

    [Fact]
    public async Task GetAuthorizerTokenAsync_RefreshTokenUnchanged_WritesOnlyTheAccessToken()
    {
        _host.PushTicket();
        _host.AddAuthorizer(AppId);

        var lookup = await CreateSut().GetAuthorizerTokenAsync(AppId);

        Assert.NotNull(lookup.Token);
        Assert.Equal(1, _host.Vault.WritesOf(SecretNames.AuthorizerAccessToken(AppId)));
        Assert.Equal(0, _host.Vault.WritesOf(SecretNames.AuthorizerRefreshToken(AppId)));
        Assert.Equal(lookup.ExpiresAt, _host.Vault.Peek(SecretNames.AuthorizerAccessToken(AppId))?.ExpiresOn);
    }

    [Fact]
    public async Task GetAuthorizerTokenAsync_RefreshTokenRotated_StoresTheNewRefreshTokenBeforeTheAccessToken()
    {
        _host.PushTicket();
        _host.AddAuthorizer(AppId);
        _host.WeChat.RotateRefreshTokens = true;

        await CreateSut().GetAuthorizerTokenAsync(AppId);

        var names = _host.Vault.Writes.Select(w => w.Name).Where(n => n.StartsWith("authorizer-", StringComparison.Ordinal)).ToList();
        Assert.Equal([SecretNames.AuthorizerRefreshToken(AppId), SecretNames.AuthorizerAccessToken(AppId)], names);
        Assert.NotEqual(TokenTestHost.RefreshTokenOf(AppId), _host.Vault.Peek(SecretNames.AuthorizerRefreshToken(AppId))?.Value);
    }

    [Fact]
    public async Task GetAuthorizerTokenAsync_NoRefreshTokenStoredNorListed_Issue18_TransientNotWeChats61023()
    {
        _host.PushTicket();

        var lookup = await CreateSut().GetAuthorizerTokenAsync(AppId);

        Assert.Null(lookup.Token);
        Assert.Equal(TokenConstants.UnavailableErrorCode, lookup.ErrorCode);
        Assert.Equal(0, _host.WeChat.AuthorizerCalls);
        Assert.Equal(1, _host.WeChat.ListCalls);
    }

    [Fact]
    public async Task GetAuthorizerTokenAsync_RefreshTokenMissingFromVault_Issue18_ReadBackFromAuthorizerListAcrossPages()
    {
        _host.PushTicket();
        _host.AddAuthorizer(AppId, _host.Time.GetUtcNow().AddMinutes(1));
        await _host.Vault.DeleteAsync(SecretNames.AuthorizerRefreshToken(AppId));
        foreach (var i in Enumerable.Range(0, 700))
        {
            _host.WeChat.Listed[$"wa{i:D16}"] = $"refresh-secret-other-{i}";
        }

        _host.WeChat.Listed[AppId] = TokenTestHost.RefreshTokenOf(AppId);

        var lookup = await CreateSut().GetAuthorizerTokenAsync(AppId);

        Assert.NotNull(lookup.Token);
        Assert.Equal(2, _host.WeChat.ListCalls);
        Assert.Equal(TokenTestHost.RefreshTokenOf(AppId), _host.Vault.Peek(SecretNames.AuthorizerRefreshToken(AppId))?.Value);
        _host.WeChat.Mock.Verify(c => c.GetAuthorizerTokenAsync(It.IsAny<AccessToken>(),
            It.Is<AuthorizerTokenRequest>(r => r.AuthorizerRefreshToken == TokenTestHost.RefreshTokenOf(AppId)), It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task GetAuthorizerTokenAsync_VaultWriteFailsAfterWeChatIssued_Issue18_RetriedUntilStored()
    {
        _host.PushTicket();
        _host.AddAuthorizer(AppId);
        _host.WeChat.RotateRefreshTokens = true;
        var failures = 3;
        _host.Vault.WriteFault = name => name == SecretNames.AuthorizerRefreshToken(AppId) && Interlocked.Decrement(ref failures) >= 0
            ? new IOException("vault write failed")
            : null;

        var lookup = await _host.DriveAsync(CreateSut().GetAuthorizerTokenAsync(AppId));

        Assert.NotNull(lookup.Token);
        Assert.StartsWith("refresh-secret-" + AppId + "-0", _host.Vault.Peek(SecretNames.AuthorizerRefreshToken(AppId))?.Value, StringComparison.Ordinal);
        Assert.Equal(1, _host.WeChat.AuthorizerCalls);
    }

    [Fact]
    public async Task GetAuthorizerTokenAsync_CallerCancelsAfterWeChatIssued_Issue18_TokensStillStored()
    {
        _host.PushTicket();
        _host.AddAuthorizer(AppId);
        _host.WeChat.RotateRefreshTokens = true;
        await CreateSut().GetComponentTokenAsync();
        using var cancel = new CancellationTokenSource();
        _host.Vault.WriteFault = name =>
        {
            cancel.Cancel();
            return null;
        };

        var lookup = await CreateSut().GetAuthorizerTokenAsync(AppId, cancel.Token);

        Assert.NotNull(lookup.Token);
        Assert.Equal(lookup.Token.Value, _host.Vault.Peek(SecretNames.AuthorizerAccessToken(AppId))?.Value);
        Assert.NotEqual(TokenTestHost.RefreshTokenOf(AppId), _host.Vault.Peek(SecretNames.AuthorizerRefreshToken(AppId))?.Value);
    }

    [Fact]
    public async Task GetAuthorizerTokenAsync_RevokedWhileWeChatIssued_Issue18_TokensNotKept()
    {
        var (refresh, gate) = await StartRefreshHeldAtWeChatAsync();

        _host.Registry.Put(_host.Registry.Peek(AppId)! with { State = Status.AuthorizerState.Revoked });
        await _host.Vault.DeleteAsync(SecretNames.AuthorizerRefreshToken(AppId));
        gate.SetResult();
        var lookup = await refresh;

        Assert.Null(lookup.Token);
        Assert.Null(_host.Vault.Peek(SecretNames.AuthorizerAccessToken(AppId)));
        Assert.Null(_host.Vault.Peek(SecretNames.AuthorizerRefreshToken(AppId)));
    }

    /// <summary>
    /// A refresh ran with the old refresh token while a new authorization stored a new one: WeChat's 61023 refuses the old
    /// token only. It used to come back as the refresh's answer, and the sweep or the command processor marked the live,
    /// just re-authorized authorizer NeedsReauthorization (out of token refresh until the merchant authorized again).
    /// </summary>
    [Fact]
    public async Task GetAuthorizerTokenAsync_ReauthorizedWhileARefreshRanWithTheOldToken_Issue18_RefreshedWithTheNewOneNot61023()
    {
        var (refresh, gate) = await StartRefreshHeldAtWeChatAsync();
        var old = _host.Vault.Peek(SecretNames.AuthorizerRefreshToken(AppId))!.Value;
        await _host.Vault.SetAsync(SecretNames.AuthorizerRefreshToken(AppId), "refresh-secret-of-the-reauthorization", null);
        _host.WeChat.InvalidRefreshTokens[old] = true;

        gate.SetResult();
        var lookup = await refresh;

        Assert.True(lookup.Token is not null, $"the refresh answered errcode {lookup.ErrorCode} ({lookup.Error}) after {_host.WeChat.AuthorizerCalls} api_authorizer_token call(s)");
        Assert.Equal(2, _host.WeChat.AuthorizerCalls);
        Assert.Equal("refresh-secret-of-the-reauthorization", _host.Vault.Peek(SecretNames.AuthorizerRefreshToken(AppId))?.Value);
    }

    [Fact]
    public async Task GetAuthorizerTokenAsync_OldTokenRefusedAndNotReplaced_Issue18_61023ReturnedAfterOneCall()
    {
        _host.PushTicket();
        _host.AddAuthorizer(AppId);
        _host.WeChat.InvalidRefreshTokens[_host.Vault.Peek(SecretNames.AuthorizerRefreshToken(AppId))!.Value] = true;

        var lookup = await CreateSut().GetAuthorizerTokenAsync(AppId);

        Assert.Equal((null, 61023, 1), (lookup.Token, lookup.ErrorCode, _host.WeChat.AuthorizerCalls));
    }

    [Fact]
    public async Task GetAuthorizerTokenAsync_RefreshOutlastsTheLease_Issue18_LeaseRenewedSoNoOtherInstanceRefreshes()
    {
        var (first, gate) = await StartRefreshHeldAtWeChatAsync();

        for (var i = 0; i < 30; i++)
        {
            _host.Time.Advance(TimeSpan.FromSeconds(10));
            await WaitUntilAsync(() => _host.Leases.IsHeld(TokenConstants.RefreshLeaseName(TokenKey.Authorizer(AppId))));
        }

        var second = await _host.Leases.TryAcquireAsync(TokenConstants.RefreshLeaseName(TokenKey.Authorizer(AppId)), TimeSpan.FromMinutes(1));
        gate.SetResult();
        await first;

        Assert.Null(second);
        Assert.Equal(1, _host.WeChat.AuthorizerCalls);
    }

    [Fact]
    public async Task GetAuthorizerTokenAsync_ComponentTokenRefused_RefreshesComponentAndRetriesOnce()
    {
        _host.PushTicket();
        _host.AddAuthorizer(AppId);
        var sut = CreateSut();
        var component = await sut.GetComponentTokenAsync();
        _host.WeChat.Revoke(component.Token!);

        var lookup = await sut.GetAuthorizerTokenAsync(AppId);

        Assert.NotNull(lookup.Token);
        Assert.Equal(2, _host.WeChat.ComponentCalls);
        Assert.Equal(2, _host.WeChat.AuthorizerCalls);
    }

    [Fact]
    public async Task GetAuthorizerTokenAsync_ManyConcurrentCallers_OneRefresh()
    {
        _host.PushTicket();
        _host.AddAuthorizer(AppId);
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.WeChat.Gate = gate.Task;
        var sut = CreateSut();

        var calls = Enumerable.Range(0, 20).Select(_ => Task.Run(() => sut.GetAuthorizerTokenAsync(AppId))).ToList();
        gate.SetResult();
        var lookups = await Task.WhenAll(calls);

        Assert.Equal(1, _host.WeChat.AuthorizerCalls);
        Assert.Single(lookups.Select(l => l.Token).Distinct());
    }

    [Fact]
    public async Task GetAuthorizerTokenAsync_ManyConcurrentCallers_Issue16_NoRefreshGateKeptAfterwards()
    {
        _host.PushTicket();
        _host.AddAuthorizer(AppId);
        var sut = CreateSut();
        await sut.GetComponentTokenAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.WeChat.Gate = gate.Task;

        var calls = Enumerable.Range(0, 20).Select(_ => Task.Run(() => sut.GetAuthorizerTokenAsync(AppId))).ToList();
        await WaitUntilAsync(() => _host.WeChat.AuthorizerCalls == 1);
        Assert.Equal(1, sut.RefreshGates);
        gate.SetResult();
        await Task.WhenAll(calls);

        Assert.Equal(0, sut.RefreshGates);
    }

    [Fact]
    public async Task GetAuthorizerTokenAsync_MoreAuthorizersThanCachedTokens_Issue16_CacheBoundedAndEvictedTokenReadBackFromTheVault()
    {
        _host.Options.CachedTokens = 3;
        _host.PushTicket();
        var appIds = Enumerable.Range(0, 10).Select(TokenTestHost.AppIdOf).ToList();
        appIds.ForEach(a => _host.AddAuthorizer(a));
        var sut = CreateSut();
        var first = new List<TokenLookup>();
        foreach (var appId in appIds)
        {
            first.Add(await sut.GetAuthorizerTokenAsync(appId));
        }

        var reads = _host.Vault.Reads;
        var again = await sut.GetAuthorizerTokenAsync(appIds[0]);

        Assert.Equal(3, sut.CachedTokens);
        Assert.Equal(0, sut.RefreshGates);
        Assert.Equal(first[0].Token, again.Token);
        Assert.Equal(appIds.Count, _host.WeChat.AuthorizerCalls);
        Assert.Equal(reads + 1, _host.Vault.Reads);
    }

    [Fact]
    public async Task GetAuthorizerTokenAsync_AnotherInstanceHoldsTheLease_WaitsForItsTokenInsteadOfRefreshing()
    {
        var (first, gate) = await StartRefreshHeldAtWeChatAsync();

        var second = CreateSut().GetAuthorizerTokenAsync(AppId);
        await WaitUntilAsync(() => _host.Leases.IsHeld(TokenConstants.RefreshLeaseName(TokenKey.Authorizer(AppId))));
        gate.SetResult();
        var firstLookup = await first;
        var secondLookup = await _host.DriveAsync(second);

        Assert.Equal(1, _host.WeChat.AuthorizerCalls);
        Assert.Equal(firstLookup.Token, secondLookup.Token);
    }

    [Fact]
    public async Task GetAuthorizerTokenAsync_LeaseHeldPastTheWait_ReportsUnavailableWithoutRefreshing()
    {
        _host.PushTicket();
        _host.AddAuthorizer(AppId);
        await using var held = await _host.Leases.TryAcquireAsync(TokenConstants.RefreshLeaseName(TokenKey.Authorizer(AppId)), TimeSpan.FromHours(1));

        var lookup = await _host.DriveAsync(CreateSut().GetAuthorizerTokenAsync(AppId));

        Assert.Null(lookup.Token);
        Assert.Equal(TokenConstants.UnavailableErrorCode, lookup.ErrorCode);
        Assert.Equal(0, _host.WeChat.AuthorizerCalls);
    }

    [Fact]
    public async Task RefreshAfterRejectionAsync_FailedTokenIsCurrent_RefreshesIt()
    {
        _host.PushTicket();
        _host.AddAuthorizer(AppId);
        var sut = CreateSut();
        var current = await sut.GetAuthorizerTokenAsync(AppId);

        var renewed = await sut.RefreshAfterRejectionAsync(TokenKey.Authorizer(AppId), current.Token!);

        Assert.NotNull(renewed.Token);
        Assert.NotEqual(current.Token, renewed.Token);
        Assert.Equal(2, _host.WeChat.AuthorizerCalls);
    }

    [Fact]
    public async Task RefreshAfterRejectionAsync_FailedTokenAlreadyReplaced_ReturnsCurrentWithoutRefreshing()
    {
        _host.PushTicket();
        _host.AddAuthorizer(AppId);
        var sut = CreateSut();
        var old = await sut.GetAuthorizerTokenAsync(AppId);
        var current = await sut.RefreshAfterRejectionAsync(TokenKey.Authorizer(AppId), old.Token!);

        var again = await CreateSut().RefreshAfterRejectionAsync(TokenKey.Authorizer(AppId), old.Token!);

        Assert.Equal(current.Token, again.Token);
        Assert.Equal(2, _host.WeChat.AuthorizerCalls);
    }

    /// <summary>An Active authorizer and a component token, and a refresh of the authorizer held inside WeChat's call until the gate opens.</summary>
    private async Task<(Task<TokenLookup> Refresh, TaskCompletionSource Gate)> StartRefreshHeldAtWeChatAsync()
    {
        _host.PushTicket();
        _host.AddAuthorizer(AppId);
        await CreateSut().GetComponentTokenAsync();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.WeChat.Gate = gate.Task;
        var refresh = CreateSut().GetAuthorizerTokenAsync(AppId);
        await WaitUntilAsync(() => _host.WeChat.AuthorizerCalls == 1);
        return (refresh, gate);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100_000 && !condition(); i++)
        {
            await Task.Yield();
        }

        Assert.True(condition(), "condition not reached");
    }
}
