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

    /// <summary>Issue 18: only WeChat's own 61023/61003/42002 mark NeedsReauthorization, and never over Revoked.</summary>
    public static TheoryData<AuthorizerState, int, AuthorizerState> Marks => new()
    {
        { AuthorizerState.Active, 61023, AuthorizerState.NeedsReauthorization },
        { AuthorizerState.Active, 61003, AuthorizerState.NeedsReauthorization },
        { AuthorizerState.Active, 42002, AuthorizerState.NeedsReauthorization },
        { AuthorizerState.Revoked, 61023, AuthorizerState.Revoked },
        { AuthorizerState.Revoked, 42002, AuthorizerState.Revoked },
        { AuthorizerState.Active, TokenConstants.UnavailableErrorCode, AuthorizerState.Active },
        { AuthorizerState.Active, 40013, AuthorizerState.Active },
    };

    [Theory]
    [MemberData(nameof(Marks))]
    public async Task MarkNeedsReauthorizationAsync_Issue18_MovesOnlyOnWeChatsCodesAndNeverOverRevoked(
        AuthorizerState before, int errorCode, AuthorizerState expected)
    {
        _registry.Put(new AuthorizerRecord { AppId = AppId, State = before });

        await new AuthorizerUpdates(_registry, new FakeTimeProvider()).MarkNeedsReauthorizationAsync(AppId, errorCode, CancellationToken.None);

        Assert.Equal(expected, _registry.Peek(AppId)!.State);
    }
}
