using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.WeChat.Tests.Client;

public sealed class WeChatClientResilienceTests : WeChatClientTestBase
{
    private static readonly TimeSpan AttemptTimeout = WeChatClientConstants.DefaultAttemptTimeout;

    [Fact]
    public async Task ModifyDomain_SystemBusy_IsNotReplayedAndIsReturnedToTheCaller()
    {
        Server.Reply(ScriptedReply.Error(-1, "system error"), ScriptedReply.Ok());
        var sut = CreateSut();

        var result = await sut.ModifyDomainAsync(AuthorizerToken, AddRequestDomain("https://a.example.com"));

        Assert.Equal(WeChatErrorCode.SystemBusy, result.ErrorCode);
        Assert.True(result.RequestSent);
        Assert.Equal(1, result.Attempts);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task ModifyDomain_Http503_IsNotReplayed()
    {
        Server.Reply(ScriptedReply.HttpStatus(503), ScriptedReply.Ok());
        var sut = CreateSut();

        var result = await sut.ModifyDomainAsync(AuthorizerToken, AddRequestDomain("https://a.example.com"));

        Assert.Equal(WeChatTransportOutcome.HttpError, result.Transport);
        Assert.Equal(503, result.HttpStatus);
        Assert.Equal(1, result.Attempts);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task ModifyDomainOnGet_SystemBusyThenSuccess_IsRetried()
    {
        Server.Reply(ScriptedReply.Error(-1, "system error"), ScriptedReply.Ok());
        var sut = CreateSut();

        var result = await sut.ModifyDomainAsync(AuthorizerToken, new ModifyDomainRequest(DomainAction.Get, new ServerDomains()));

        Assert.True(result.IsSuccess);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task GetEffectiveDomain_Http503ThenSuccess_IsRetried()
    {
        Server.Reply(ScriptedReply.HttpStatus(503), ScriptedReply.Ok());
        var sut = CreateSut();

        var result = await sut.GetEffectiveDomainAsync(AuthorizerToken);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(200, result.HttpStatus);
    }

    [Fact]
    public async Task GetEffectiveDomain_SystemBusyEveryTime_ReturnsTransientResultAfterAllAttempts()
    {
        Server.DefaultReply = ScriptedReply.Error(-1, "system error");
        var sut = CreateSut();

        var result = await sut.GetEffectiveDomainAsync(AuthorizerToken);

        Assert.Equal(WeChatErrorCode.SystemBusy, result.ErrorCode);
        Assert.Equal(WeChatErrorClass.Transient, result.ErrorCode.Class);
        Assert.Equal(WeChatTransportOutcome.Responded, result.Transport);
        Assert.Equal(RetryCount + 1, result.Attempts);
        Assert.Equal(RetryCount + 1, Server.Requests.Count);
    }

    [Fact]
    public async Task GetEffectiveDomain_Http502EveryTime_ReturnsHttpErrorAfterAllAttempts()
    {
        Server.DefaultReply = ScriptedReply.HttpStatus(502);
        var sut = CreateSut();

        var result = await sut.GetEffectiveDomainAsync(AuthorizerToken);

        Assert.Equal(WeChatTransportOutcome.HttpError, result.Transport);
        Assert.Equal(502, result.HttpStatus);
        Assert.Equal(WeChatErrorClass.Transient, result.ErrorCode.Class);
        Assert.Equal(RetryCount + 1, result.Attempts);
    }

    [Fact]
    public async Task ModifyDomain_NoAnswerWithinTimeout_IsNotRetriedAndIsAmbiguous()
    {
        Server.Reply(ScriptedReply.NoAnswer());
        var sut = CreateSut();

        var call = sut.ModifyDomainAsync(AuthorizerToken, AddRequestDomain("https://a.example.com"));
        await Server.WaitForRequestsAsync(1);
        Time.Advance(AttemptTimeout);
        var result = await call;

        Assert.Equal(WeChatTransportOutcome.Timeout, result.Transport);
        Assert.True(result.RequestSent);
        Assert.True(result.IsAmbiguous);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(AttemptTimeout, result.Latency);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task ModifyJumpDomain_NoAnswerOnSet_IsNotRetried()
    {
        Server.Reply(ScriptedReply.NoAnswer());
        var sut = CreateSut();

        var call = sut.ModifyJumpDomainAsync(ComponentToken, new ModifyJumpDomainRequest(DomainAction.Set, ["www.qq.com"], false));
        await Server.WaitForRequestsAsync(1);
        Time.Advance(AttemptTimeout);
        var result = await call;

        Assert.Equal(WeChatTransportOutcome.Timeout, result.Transport);
        Assert.Equal(1, result.Attempts);
    }

    [Fact]
    public async Task GetEffectiveDomain_NoAnswerThenSuccess_IsRetried()
    {
        Server.Reply(ScriptedReply.NoAnswer(), ScriptedReply.Ok());
        var sut = CreateSut();

        var call = sut.GetEffectiveDomainAsync(AuthorizerToken);
        await Server.WaitForRequestsAsync(1);
        Time.Advance(AttemptTimeout);
        var result = await call;

        Assert.True(result.IsSuccess);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task ModifyJumpDomain_NoAnswerOnGet_IsRetried()
    {
        Server.Reply(ScriptedReply.NoAnswer(), ScriptedReply.Ok());
        var sut = CreateSut();

        var call = sut.ModifyJumpDomainAsync(ComponentToken, new ModifyJumpDomainRequest(DomainAction.Get, null, null));
        await Server.WaitForRequestsAsync(1);
        Time.Advance(AttemptTimeout);
        var result = await call;

        Assert.True(result.IsSuccess);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task GetAuthorizerToken_NoAnswerThenSuccess_IsRetried()
    {
        Server.Reply(ScriptedReply.NoAnswer(), ScriptedReply.Json("""{"authorizer_access_token":"t","expires_in":7200,"authorizer_refresh_token":"r"}"""));
        var sut = CreateSut();

        var call = sut.GetAuthorizerTokenAsync(ComponentToken, new AuthorizerTokenRequest("wxcomponent01", "wxauthorizer01", "refresh"));
        await Server.WaitForRequestsAsync(1);
        Time.Advance(AttemptTimeout);
        var result = await call;

        Assert.True(result.IsSuccess);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task SetWebviewDomain_ConnectionDroppedAfterSending_IsNotRetriedAndIsAmbiguous()
    {
        Server.Reply(ScriptedReply.AbortConnection(), ScriptedReply.Ok());
        var sut = CreateSut();

        var result = await sut.SetWebviewDomainAsync(AuthorizerToken, new SetWebviewDomainRequest(DomainAction.Set, ["https://h5.example.com"]));

        Assert.Equal(WeChatTransportOutcome.ConnectionFailed, result.Transport);
        Assert.True(result.RequestSent);
        Assert.True(result.IsAmbiguous);
        Assert.Equal(1, result.Attempts);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task GetEffectiveWebviewDomain_ConnectionDroppedThenSuccess_IsRetried()
    {
        Server.Reply(ScriptedReply.AbortConnection(), ScriptedReply.Ok());
        var sut = CreateSut();

        var result = await sut.GetEffectiveWebviewDomainAsync(AuthorizerToken);

        Assert.True(result.IsSuccess);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task ModifyDomainDirectly_ConnectionRefused_IsRetriedAndNotSent()
    {
        var sut = CreateSut(o => o.BaseUrl = RecordingWeChatServer.UnusedLoopbackAddress());

        var result = await sut.ModifyDomainDirectlyAsync(AuthorizerToken, AddRequestDomain("https://a.example.com"));

        Assert.Equal(WeChatTransportOutcome.ConnectionFailed, result.Transport);
        Assert.False(result.RequestSent);
        Assert.False(result.IsAmbiguous);
        Assert.Equal(RetryCount + 1, result.Attempts);
        Assert.Null(result.HttpStatus);
        Assert.Equal(WeChatErrorClass.Transient, result.ErrorCode.Class);
    }

    [Fact]
    public async Task ModifyDomain_CallerCancels_Throws()
    {
        Server.Reply(ScriptedReply.NoAnswer());
        var sut = CreateSut();
        using var cancellation = new CancellationTokenSource();

        var call = sut.ModifyDomainAsync(AuthorizerToken, AddRequestDomain("https://a.example.com"), cancellation.Token);
        await Server.WaitForRequestsAsync(1);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task ModifyDomain_RetryCountZero_MakesOneAttempt()
    {
        Server.DefaultReply = ScriptedReply.Error(-1, "system error");
        var sut = CreateSut(o => o.RetryCount = 0);

        var result = await sut.ModifyDomainAsync(AuthorizerToken, AddRequestDomain("https://a.example.com"));

        Assert.Equal(1, result.Attempts);
        Assert.Single(Server.Requests);
    }
}
