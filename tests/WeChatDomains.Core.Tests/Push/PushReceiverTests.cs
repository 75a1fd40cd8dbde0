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

    private DateTimeOffset Now => _host.Time.GetUtcNow();

    public void Dispose() => _host.Dispose();

    private PushReceiver CreateSut() => new(
        _crypto, _host.CreateProvider(), _host.WeChat.Mock.Object, _host.Vault, _host.Registry, _host.Limiter,
        Microsoft.Extensions.Options.Options.Create(_host.Options), _host.Time, new FakeLogger<PushReceiver>(_host.Logs));

    [Fact]
    public async Task ReceiveAsync_Ticket_StoredForTwelveHoursFromItsCreateTime()
    {
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
        var (push, body) = _crypto.Seal(TicketXml(Now), "1718000000", "nonce1", TokenTestHost.ComponentAppId);

        var receipt = await CreateSut().ReceiveAsync((push.MsgSignature[0] == '0' ? "1" : "0") + push.MsgSignature[1..], push.Timestamp, push.Nonce, body);

        Assert.Equal(PushReply.Unauthorized, receipt.Reply);
        Assert.Empty(_host.Vault.Writes);
    }

    [Fact]
    public async Task ReceiveAsync_ForeignAppId_UnauthorizedAndNothingStored()
    {
        var foreign = new PushMessageCrypto(PushToken, AesKey, "wxforeigncomponent");
        var (push, body) = foreign.Seal(TicketXml(Now, "wxforeigncomponent"), "1718000000", "nonce1", "wxforeigncomponent");

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

    private Task<PushReceipt> ReceiveAsync(string xml)
    {
        var (push, body) = _crypto.Seal(xml, "1718000000", "nonce1", TokenTestHost.ComponentAppId);
        return CreateSut().ReceiveAsync(push.MsgSignature, push.Timestamp, push.Nonce, body);
    }

    private string TicketXml(DateTimeOffset created, string appId = TokenTestHost.ComponentAppId) =>
        Xml(PushInfoTypes.ComponentVerifyTicket, $"<ComponentVerifyTicket>{NewTicket}</ComponentVerifyTicket>", appId, created);

    private string AuthorizationXml(string infoType) => Xml(infoType,
        $"<AuthorizerAppid>{AuthorizerAppId}</AuthorizerAppid><AuthorizationCode>{AuthorizationCode}</AuthorizationCode>"
        + $"<AuthorizationCodeExpiredTime>{Now.AddHours(1).ToUnixTimeSeconds()}</AuthorizationCodeExpiredTime>");

    private string Xml(string infoType, string fields, string appId = TokenTestHost.ComponentAppId, DateTimeOffset? created = null) =>
        $"<xml><AppId>{appId}</AppId><CreateTime>{(created ?? Now).ToUnixTimeSeconds()}</CreateTime><InfoType>{infoType}</InfoType>{fields}</xml>";
}
