using WeChatDomains.Core.Tests.Tokens.Doubles;
using WeChatDomains.Core.Tokens;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Tests.Tokens;

public sealed class TokenCallExtensionsTests : IDisposable
{
    private const string AppId = "wx00000000000000b2";
    private static readonly WebviewDomains Domains = new(["https://a.example.com"]);
    private readonly TokenTestHost _host = new();
    private readonly List<AccessToken> _tokensUsed = [];

    public TokenCallExtensionsTests()
    {
        _host.PushTicket();
        _host.AddAuthorizer(AppId);
    }

    public void Dispose() => _host.Dispose();

    private TokenProvider CreateSut() => _host.CreateProvider();

    [Theory]
    [InlineData(40001)]
    [InlineData(40014)]
    [InlineData(42001)]
    public async Task WithTokenAsync_TokenRefusedOnce_RefreshesOnceAndReplaysOnce(int code)
    {
        var sut = CreateSut();
        var answers = new Queue<WeChatResult<WebviewDomains>>([FakeWeChat.Error<WebviewDomains>(code), FakeWeChat.Ok(Domains)]);

        var result = await sut.WithTokenAsync(TokenKey.Authorizer(AppId), Call(answers));

        Assert.True(result.IsSuccess);
        Assert.Equal(2, _tokensUsed.Count);
        Assert.NotEqual(_tokensUsed[0], _tokensUsed[1]);
        Assert.Equal(2, _host.WeChat.AuthorizerCalls);
    }

    [Fact]
    public async Task WithTokenAsync_TokenRefusedTwice_ReturnsTheReplayOutcomeWithoutAThirdCall()
    {
        var sut = CreateSut();
        var answers = new Queue<WeChatResult<WebviewDomains>>(
            [FakeWeChat.Error<WebviewDomains>(40001), FakeWeChat.Error<WebviewDomains>(40001), FakeWeChat.Ok(Domains)]);

        var result = await sut.WithTokenAsync(TokenKey.Authorizer(AppId), Call(answers));

        Assert.Equal(40001, result.ErrorCode.Value);
        Assert.Equal(2, _tokensUsed.Count);
        Assert.Equal(2, result.Attempts);
    }

    [Fact]
    public async Task WithTokenAsync_OtherErrcode_ReturnedWithoutRefresh()
    {
        var sut = CreateSut();
        var answers = new Queue<WeChatResult<WebviewDomains>>([FakeWeChat.Error<WebviewDomains>(45011)]);

        var result = await sut.WithTokenAsync(TokenKey.Authorizer(AppId), Call(answers));

        Assert.Equal(45011, result.ErrorCode.Value);
        Assert.Single(_tokensUsed);
        Assert.Equal(1, _host.WeChat.AuthorizerCalls);
    }

    [Fact]
    public async Task WithTokenAsync_NoTokenAvailable_ReturnsTheLookupErrcodeWithoutCalling()
    {
        var sut = CreateSut();
        var answers = new Queue<WeChatResult<WebviewDomains>>([FakeWeChat.Ok(Domains)]);

        var result = await sut.WithTokenAsync(TokenKey.Authorizer("wx00000000000000zz"), Call(answers));

        Assert.Equal(TokenConstants.UnavailableErrorCode, result.ErrorCode.Value);
        Assert.False(result.RequestSent);
        Assert.Empty(_tokensUsed);
    }

    private Func<AccessToken, CancellationToken, Task<WeChatResult<WebviewDomains>>> Call(Queue<WeChatResult<WebviewDomains>> answers) =>
        (token, _) =>
        {
            _tokensUsed.Add(token);
            return Task.FromResult(answers.Dequeue());
        };
}
