using Microsoft.Extensions.Logging.Testing;
using Moq;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Push;
using WeChatDomains.Core.Status;
using WeChatDomains.Core.Tests.Tokens.Doubles;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Crypto;
using WeChatDomains.WeChat.Push;

namespace WeChatDomains.Core.Tests.Push;

public sealed class PushReceiverTests : IDisposable
{
    private const string PushToken = "push-check-token-secret";
    private const string AesKey = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
    private const string AuthorizerAppId = "wx00000000000000c3";
    private const string AuthorizationCode = "queryauthcode@@@secret-code";
    private const string NewTicket = "ticket@@@fresh-secret-ticket";
    private readonly TokenTestHost _host = new();
    private readonly PushMessageCrypto _crypto = new(PushToken, AesKey, TokenTestHost.ComponentAppId);

    public PushReceiverTests()
    {
        _host.PushTicket();
        _host.WeChat.Mock.Setup(c => c.QueryAuthAsync(It.IsAny<AccessToken>(), It.IsAny<QueryAuthRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((AccessToken _, QueryAuthRequest r, CancellationToken _) => r.AuthorizationCode == AuthorizationCode
                ? FakeWeChat.Ok(new AuthorizationInfo(AuthorizerAppId, _host.WeChat.Know("authorizer-secret-token-", Now.AddHours(2)),
                    FakeWeChat.TokenLifetime, "refresh-secret-from-query-auth", [17, 18]))
                : FakeWeChat.Error<AuthorizationInfo>(61010));
    }

    private int _nonces;

    private DateTimeOffset Now => _host.Time.GetUtcNow();

    public void Dispose() => _host.Dispose();

    private PushReceiver CreateSut(IAuthorizationHook? hook = null) => new(
        _crypto, _host.CreateProvider(), _host.WeChat.Mock.Object, _host.Vault, _host.Registry, _host.Leases, _host.Limiter,
        Microsoft.Extensions.Options.Options.Create(_host.Options), Microsoft.Extensions.Options.Options.Create(new PushOptions()), _host.Time,
        new FakeLogger<PushReceiver>(_host.Logs), hook);

    [Fact]
    public async Task ReceiveAsync_Ticket_StoredForTwelveHoursFromItsCreateTime()
    {
        _host.Time.Advance(TimeSpan.FromMinutes(10));
        var created = Now.AddMinutes(-1);

        var receipt = await ReceiveAsync(TicketXml(created));

        Assert.Equal(PushReply.Success, receipt.Reply);
        var stored = _host.Vault.Peek(SecretNames.ComponentVerifyTicket);
        Assert.Equal(NewTicket, stored?.Value);
        Assert.Equal(created.AddHours(12), stored?.ExpiresOn);
    }

    [Fact]
    public async Task ReceiveAsync_BadSignature_UnauthorizedAndNothingStored()
    {
        var (push, body) = _crypto.Seal(TicketXml(Now), Timestamp(Now), "nonce1", TokenTestHost.ComponentAppId);

        var receipt = await CreateSut().ReceiveAsync((push.MsgSignature[0] == '0' ? "1" : "0") + push.MsgSignature[1..], push.Timestamp, push.Nonce, body);

        Assert.Equal(PushReply.Unauthorized, receipt.Reply);
        Assert.Empty(_host.Vault.Writes);
    }

    [Fact]
    public async Task ReceiveAsync_ForeignAppId_UnauthorizedAndNothingStored()
    {
        var foreign = new PushMessageCrypto(PushToken, AesKey, "wxforeigncomponent");
        var (push, body) = foreign.Seal(TicketXml(Now, "wxforeigncomponent"), Timestamp(Now), "nonce1", "wxforeigncomponent");

        var receipt = await CreateSut().ReceiveAsync(push.MsgSignature, push.Timestamp, push.Nonce, body);

        Assert.Equal(PushReply.Unauthorized, receipt.Reply);
        Assert.Empty(_host.Vault.Writes);
    }

    [Theory]
    [InlineData("not xml at all")]
    [InlineData(null)]
    public async Task ReceiveAsync_Garbage_BadRequestAndNothingStored(string? body)
    {
        var receipt = await CreateSut().ReceiveAsync("abc", "1718000000", "nonce1", body);

        Assert.Equal(PushReply.BadRequest, receipt.Reply);
        Assert.Empty(_host.Vault.Writes);
    }

    [Fact]
    public async Task ReceiveAsync_SignedButUndecryptable_BadRequestAndNothingStored()
    {
        var signature = PushMessageCrypto.ComputeSignature(PushToken, "1718000000", "nonce1", "@@@notbase64");

        var receipt = await CreateSut().ReceiveAsync(signature, "1718000000", "nonce1", "<xml><Encrypt>@@@notbase64</Encrypt></xml>");

        Assert.Equal(PushReply.BadRequest, receipt.Reply);
        Assert.Empty(_host.Vault.Writes);
    }

    [Fact]
    public async Task ReceiveAsync_OversizeBody_BadRequestAndNothingStored()
    {
        var receipt = await CreateSut().ReceiveAsync("abc", "1718000000", "nonce1", "<xml>" + new string('a', 200_000) + "</xml>");

        Assert.Equal(PushReply.BadRequest, receipt.Reply);
        Assert.Empty(_host.Vault.Writes);
    }

    [Fact]
    public async Task ReceiveAsync_Authorized_StoresTokensAndRegistersActive()
    {
        var receipt = await ReceiveAsync(AuthorizationXml("authorized"));

        Assert.Equal(PushReply.Success, receipt.Reply);
        Assert.Equal("refresh-secret-from-query-auth", _host.Vault.Peek(SecretNames.AuthorizerRefreshToken(AuthorizerAppId))?.Value);
        Assert.Equal(Now + FakeWeChat.TokenLifetime, _host.Vault.Peek(SecretNames.AuthorizerAccessToken(AuthorizerAppId))?.ExpiresOn);
        var record = _host.Registry.Peek(AuthorizerAppId)!;
        Assert.Equal(AuthorizerState.Active, record.State);
        Assert.Equal([17, 18], record.PermissionSetIds);
        _host.WeChat.Mock.Verify(c => c.QueryAuthAsync(It.IsAny<AccessToken>(),
            It.Is<QueryAuthRequest>(r => r.AuthorizationCode == AuthorizationCode && r.ComponentAppId == TokenTestHost.ComponentAppId),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task ReceiveAsync_UpdateAuthorizedWithSameRefreshToken_DoesNotRewriteIt()
    {
        await ReceiveAsync(AuthorizationXml("authorized"));

        await ReceiveAsync(AuthorizationXml("updateauthorized"));

        Assert.Equal(1, _host.Vault.WritesOf(SecretNames.AuthorizerRefreshToken(AuthorizerAppId)));
        Assert.Equal(2, _host.Vault.WritesOf(SecretNames.AuthorizerAccessToken(AuthorizerAppId)));
    }

    [Fact]
    public async Task ReceiveAsync_Unauthorized_MarksRevokedAndDeletesItsSecrets()
    {
        await ReceiveAsync(AuthorizationXml("authorized"));

        var receipt = await ReceiveAsync(Xml("unauthorized", $"<AuthorizerAppid>{AuthorizerAppId}</AuthorizerAppid>"));

        Assert.Equal(PushReply.Success, receipt.Reply);
        Assert.Equal(AuthorizerState.Revoked, _host.Registry.Peek(AuthorizerAppId)!.State);
        Assert.Null(_host.Vault.Peek(SecretNames.AuthorizerAccessToken(AuthorizerAppId)));
        Assert.Null(_host.Vault.Peek(SecretNames.AuthorizerRefreshToken(AuthorizerAppId)));
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(301)]
    public async Task ReceiveAsync_TimestampOutsideTheWindow_Issue18_UnauthorizedAndNothingStored(int offsetSeconds)
    {
        var receipt = await SendAsync(Seal(TicketXml(Now), Now.AddSeconds(offsetSeconds)));

        Assert.Equal(PushReply.Unauthorized, receipt.Reply);
        Assert.Empty(_host.Vault.Writes);
    }

    [Fact]
    public async Task ReceiveAsync_TimestampInsideTheWindow_Issue18_Handled()
    {
        var receipt = await SendAsync(Seal(TicketXml(Now), Now.AddSeconds(-299)));

        Assert.Equal(PushReply.Success, receipt.Reply);
        Assert.Equal(NewTicket, _host.Vault.Peek(SecretNames.ComponentVerifyTicket)?.Value);
    }

    [Fact]
    public async Task ReceiveAsync_UnauthorizedReplayedByteForByteAfterReauthorization_Issue18_AuthorizerStaysActive()
    {
        await ReceiveAsync(AuthorizationXml("authorized"));
        _host.Time.Advance(TimeSpan.FromSeconds(30));
        var unauthorized = Seal(Xml("unauthorized", $"<AuthorizerAppid>{AuthorizerAppId}</AuthorizerAppid>"), Now);
        await SendAsync(unauthorized);
        _host.Time.Advance(TimeSpan.FromSeconds(30));
        await ReceiveAsync(AuthorizationXml("authorized"));

        _host.Time.Advance(TimeSpan.FromSeconds(30));
        var receipt = await SendAsync(unauthorized);

        Assert.Equal(PushReply.Success, receipt.Reply);
        Assert.Equal(AuthorizerState.Active, _host.Registry.Peek(AuthorizerAppId)!.State);
        Assert.Equal("refresh-secret-from-query-auth", _host.Vault.Peek(SecretNames.AuthorizerRefreshToken(AuthorizerAppId))?.Value);
    }

    [Fact]
    public async Task ReceiveAsync_UnauthorizedDelayedPastAReauthorization_Issue18_ChangesNothing()
    {
        var revokedAt = Now;
        _host.Time.Advance(TimeSpan.FromSeconds(20));
        await ReceiveAsync(AuthorizationXml("authorized"));

        var receipt = await ReceiveAsync(Xml("unauthorized", $"<AuthorizerAppid>{AuthorizerAppId}</AuthorizerAppid>", created: revokedAt));

        Assert.Equal(PushReply.Success, receipt.Reply);
        Assert.Equal(AuthorizerState.Active, _host.Registry.Peek(AuthorizerAppId)!.State);
        Assert.NotNull(_host.Vault.Peek(SecretNames.AuthorizerRefreshToken(AuthorizerAppId)));
        Assert.NotNull(_host.Vault.Peek(SecretNames.AuthorizerAccessToken(AuthorizerAppId)));
    }

    [Fact]
    public async Task ReceiveAsync_AuthorizedDelayedPastAnUnauthorized_Issue18_StaysRevokedAndSpendsNoCode()
    {
        var authorizedAt = Now;
        _host.Time.Advance(TimeSpan.FromSeconds(20));
        await ReceiveAsync(Xml("unauthorized", $"<AuthorizerAppid>{AuthorizerAppId}</AuthorizerAppid>"));

        var receipt = await ReceiveAsync(AuthorizationXml("authorized", authorizedAt));

        Assert.Equal(PushReply.Success, receipt.Reply);
        Assert.Equal(AuthorizerState.Revoked, _host.Registry.Peek(AuthorizerAppId)!.State);
        Assert.Null(_host.Vault.Peek(SecretNames.AuthorizerRefreshToken(AuthorizerAppId)));
        _host.WeChat.Mock.Verify(c => c.QueryAuthAsync(It.IsAny<AccessToken>(), It.IsAny<QueryAuthRequest>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task ReceiveAsync_OlderTicketAfterANewerOne_Issue18_KeepsTheNewer()
    {
        await ReceiveAsync(TicketXml(Now));

        var receipt = await ReceiveAsync(Xml(PushInfoTypes.ComponentVerifyTicket, "<ComponentVerifyTicket>ticket@@@older</ComponentVerifyTicket>",
            created: Now.AddMinutes(-10)));

        Assert.Equal(PushReply.Success, receipt.Reply);
        Assert.Equal(NewTicket, _host.Vault.Peek(SecretNames.ComponentVerifyTicket)?.Value);
        Assert.Equal(1, _host.Vault.WritesOf(SecretNames.ComponentVerifyTicket));
    }

    [Fact]
    public async Task ReceiveAsync_UnchangedTicket_Issue18_WrittenOnlyOnceAnHour()
    {
        for (var i = 0; i < 12; i++)
        {
            await ReceiveAsync(TicketXml(Now));
            _host.Time.Advance(TimeSpan.FromMinutes(10));
        }

        Assert.Equal(2, _host.Vault.WritesOf(SecretNames.ComponentVerifyTicket));
    }

    [Fact]
    public async Task ReceiveAsync_AuthorizedWhoseTokenWriteFailed_Issue18_RetriedPushWithSpentCodeRecoversFromTheList()
    {
        _host.Vault.WriteFault = name => name == SecretNames.AuthorizerRefreshToken(AuthorizerAppId) ? new IOException("vault unavailable") : null;
        var push = Seal(AuthorizationXml("authorized"), Now);
        await Assert.ThrowsAsync<IOException>(() => _host.DriveAsync(SendAsync(push)));
        _host.Vault.WriteFault = null;
        _host.WeChat.Listed[AuthorizerAppId] = "refresh-secret-from-query-auth";
        _host.WeChat.Mock.Setup(c => c.QueryAuthAsync(It.IsAny<AccessToken>(), It.IsAny<QueryAuthRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(FakeWeChat.Error<AuthorizationInfo>(61009));

        var receipt = await SendAsync(push);

        Assert.Equal(PushReply.Success, receipt.Reply);
        Assert.Equal("refresh-secret-from-query-auth", _host.Vault.Peek(SecretNames.AuthorizerRefreshToken(AuthorizerAppId))?.Value);
        Assert.Equal(AuthorizerState.Active, _host.Registry.Peek(AuthorizerAppId)!.State);
    }

    [Fact]
    public async Task ReceiveAsync_AuthorizedRecoveredWithSpentCode_TellsTheOnboardingHookOnce()
    {
        var hook = new Mock<IAuthorizationHook>();
        _host.Vault.WriteFault = name => name == SecretNames.AuthorizerRefreshToken(AuthorizerAppId) ? new IOException("vault unavailable") : null;
        var push = Seal(AuthorizationXml("authorized"), Now);
        await Assert.ThrowsAsync<IOException>(() => _host.DriveAsync(CreateSut(hook.Object).ReceiveAsync(push.Signature, push.Timestamp, push.Nonce, push.Body)));
        var beforeRecovery = hook.Invocations.Count;
        _host.Vault.WriteFault = null;
        _host.WeChat.Listed[AuthorizerAppId] = "refresh-secret-from-query-auth";
        _host.WeChat.Mock.Setup(c => c.QueryAuthAsync(It.IsAny<AccessToken>(), It.IsAny<QueryAuthRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(FakeWeChat.Error<AuthorizationInfo>(61009));

        var receipt = await CreateSut(hook.Object).ReceiveAsync(push.Signature, push.Timestamp, push.Nonce, push.Body);

        Assert.Equal(PushReply.Success, receipt.Reply);
        Assert.True(beforeRecovery == 0, $"the hook was told {beforeRecovery} time(s) by the delivery whose token write failed");
        var told = hook.Invocations.Select(i => $"{i.Method.Name}({string.Join(", ", i.Arguments.Take(2))})").ToList();
        Assert.True(
            told.SequenceEqual([$"{nameof(IAuthorizationHook.OnAuthorizedAsync)}({AuthorizerAppId}, {PushInfoTypes.Authorized})"]),
            $"the hook was told [{string.Join("; ", told)}] after the recovery; expected once for {AuthorizerAppId} authorized");
    }

    [Fact]
    public async Task ReceiveAsync_ReauthorizedAfterARevocationWhoseCodeAnEarlierDeliverySpent_Issue18_RecoversFromTheListAndIsActive()
    {
        await ReceiveAsync(AuthorizationXml("authorized"));
        _host.Time.Advance(TimeSpan.FromSeconds(30));
        await ReceiveAsync(Xml("unauthorized", $"<AuthorizerAppid>{AuthorizerAppId}</AuthorizerAppid>"));
        _host.Time.Advance(TimeSpan.FromSeconds(30));
        _host.WeChat.Listed[AuthorizerAppId] = "refresh-secret-of-the-reauthorization";
        _host.WeChat.Mock.Setup(c => c.QueryAuthAsync(It.IsAny<AccessToken>(), It.IsAny<QueryAuthRequest>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(FakeWeChat.Error<AuthorizationInfo>(61009));

        var receipt = await ReceiveAsync(AuthorizationXml("authorized"));

        Assert.Equal(PushReply.Success, receipt.Reply);
        Assert.Equal(AuthorizerState.Active, _host.Registry.Peek(AuthorizerAppId)!.State);
        Assert.Equal("refresh-secret-of-the-reauthorization", _host.Vault.Peek(SecretNames.AuthorizerRefreshToken(AuthorizerAppId))?.Value);
    }

    [Fact]
    public async Task ReceiveAsync_UnauthorizedWhileTheVaultFailsDeletes_Issue18_RetriedUntilBothSecretsAreGone()
    {
        await ReceiveAsync(AuthorizationXml("authorized"));
        _host.Time.Advance(TimeSpan.FromSeconds(30));
        var failures = 0;
        _host.Vault.DeleteFault = _ => failures++ < 3 ? new IOException("vault throttled") : null;

        var receipt = await _host.DriveAsync(SendAsync(Seal(Xml("unauthorized", $"<AuthorizerAppid>{AuthorizerAppId}</AuthorizerAppid>"), Now)));

        Assert.Equal(PushReply.Success, receipt.Reply);
        Assert.Equal(AuthorizerState.Revoked, _host.Registry.Peek(AuthorizerAppId)!.State);
        Assert.Null(_host.Vault.Peek(SecretNames.AuthorizerAccessToken(AuthorizerAppId)));
        Assert.Null(_host.Vault.Peek(SecretNames.AuthorizerRefreshToken(AuthorizerAppId)));
    }

    [Fact]
    public async Task ReceiveAsync_EveryKindAndRejection_NoSecretInAnyLogLine()
    {
        await ReceiveAsync(TicketXml(Now));
        await ReceiveAsync(AuthorizationXml("authorized"));
        await ReceiveAsync(AuthorizationXml("authorized").Replace(AuthorizationCode, "wrong-secret-code", StringComparison.Ordinal));
        await ReceiveAsync(Xml("unauthorized", $"<AuthorizerAppid>{AuthorizerAppId}</AuthorizerAppid>"));
        await CreateSut().ReceiveAsync("bad", "1", "2", "<xml><Encrypt>AAAA</Encrypt></xml>");

        var text = string.Join("\n", _host.Logs.GetSnapshot().Select(r => $"{r.Message} {r.Exception}"));
        Assert.NotEmpty(_host.Logs.GetSnapshot());
        string[] secrets = [PushToken, AesKey, NewTicket, TokenTestHost.Ticket, AuthorizationCode, "wrong-secret-code", "refresh-secret-", "secret-token"];
        Assert.All(secrets, s => Assert.DoesNotContain(s, text, StringComparison.Ordinal));
    }

    private Task<PushReceipt> ReceiveAsync(string xml) => SendAsync(Seal(xml, Now));

    private (string Signature, string Timestamp, string Nonce, string Body) Seal(string xml, DateTimeOffset sentAt)
    {
        var (push, body) = _crypto.Seal(xml, Timestamp(sentAt), $"nonce{++_nonces}", TokenTestHost.ComponentAppId);
        return (push.MsgSignature, push.Timestamp, push.Nonce, body);
    }

    private Task<PushReceipt> SendAsync((string Signature, string Timestamp, string Nonce, string Body) push) =>
        CreateSut().ReceiveAsync(push.Signature, push.Timestamp, push.Nonce, push.Body);

    private static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private string TicketXml(DateTimeOffset created, string appId = TokenTestHost.ComponentAppId) =>
        Xml(PushInfoTypes.ComponentVerifyTicket, $"<ComponentVerifyTicket>{NewTicket}</ComponentVerifyTicket>", appId, created);

    private string AuthorizationXml(string infoType, DateTimeOffset? created = null) => Xml(infoType,
        $"<AuthorizerAppid>{AuthorizerAppId}</AuthorizerAppid><AuthorizationCode>{AuthorizationCode}</AuthorizationCode>"
        + $"<AuthorizationCodeExpiredTime>{Now.AddHours(1).ToUnixTimeSeconds()}</AuthorizationCodeExpiredTime>", created: created);

    private string Xml(string infoType, string fields, string appId = TokenTestHost.ComponentAppId, DateTimeOffset? created = null) =>
        $"<xml><AppId>{appId}</AppId><CreateTime>{(created ?? Now).ToUnixTimeSeconds()}</CreateTime><InfoType>{infoType}</InfoType>{fields}</xml>";
}
