using Microsoft.Extensions.Time.Testing;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.Core.Tests.Tokens.Doubles;
using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Core.Tests.Processing;

public sealed class AuthorizerUpdatesTests
{
    private const string AppId = "wx00000000000000u1";
    private readonly InMemoryAuthorizerRegistry _registry = new();

    private AuthorizerUpdates CreateSut() => new(_registry, new FakeTimeProvider());

    [Theory]
    [InlineData(61023)]
    [InlineData(61003)]
    [InlineData(42002)]
    public async Task MarkNeedsReauthorizationAsync_WeChatRefusedTheAuthorization_MarksActive(int code)
    {
        _registry.Put(new AuthorizerRecord { AppId = AppId, State = AuthorizerState.Active });

        await CreateSut().MarkNeedsReauthorizationAsync(AppId, code, CancellationToken.None);

        Assert.Equal(AuthorizerState.NeedsReauthorization, _registry.Peek(AppId)!.State);
    }

    [Theory]
    [InlineData(61023)]
    [InlineData(42002)]
    public async Task MarkNeedsReauthorizationAsync_Revoked_Issue18_StaysRevoked(int code)
    {
        _registry.Put(new AuthorizerRecord { AppId = AppId, State = AuthorizerState.Revoked });

        await CreateSut().MarkNeedsReauthorizationAsync(AppId, code, CancellationToken.None);

        Assert.Equal(AuthorizerState.Revoked, _registry.Peek(AppId)!.State);
    }

    [Theory]
    [InlineData(TokenConstants.UnavailableErrorCode)]
    [InlineData(40013)]
    public async Task MarkNeedsReauthorizationAsync_NotWeChatsReauthorizationCode_Issue18_LeavesItActive(int code)
    {
        _registry.Put(new AuthorizerRecord { AppId = AppId, State = AuthorizerState.Active });

        await CreateSut().MarkNeedsReauthorizationAsync(AppId, code, CancellationToken.None);

        Assert.Equal(AuthorizerState.Active, _registry.Peek(AppId)!.State);
    }
}
