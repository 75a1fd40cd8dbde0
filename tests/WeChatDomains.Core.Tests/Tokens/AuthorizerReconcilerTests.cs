using Microsoft.Extensions.Logging.Testing;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.Core.Tests.Tokens.Doubles;
using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Core.Tests.Tokens;

public sealed class AuthorizerReconcilerTests : IDisposable
{
    private readonly TokenTestHost _host = new();

    public void Dispose() => _host.Dispose();

    private AuthorizerReconciler CreateSut() => new(
        _host.CreateProvider(), _host.WeChat.Mock.Object, _host.Vault, _host.Registry, Microsoft.Extensions.Options.Options.Create(_host.Options),
        new FakeLogger<AuthorizerReconciler>(_host.Logs));

    [Fact]
    public async Task RunAsync_VaultLacksRefreshTokens_Issue18_RestoresThemFromEveryPage()
    {
        _host.PushTicket();
        for (var i = 0; i < 1_200; i++)
        {
            _host.AddAuthorizer(TokenTestHost.AppIdOf(i));
            _host.WeChat.Listed[TokenTestHost.AppIdOf(i)] = TokenTestHost.RefreshTokenOf(TokenTestHost.AppIdOf(i));
        }

        int[] lost = [3, 640, 1_199];
        foreach (var i in lost)
        {
            await _host.Vault.DeleteAsync(SecretNames.AuthorizerRefreshToken(TokenTestHost.AppIdOf(i)));
        }

        var result = await CreateSut().RunAsync();

        Assert.Equal(0, result.ErrorCode);
        Assert.Equal(1_200, result.Listed);
        Assert.Equal(lost.Select(TokenTestHost.AppIdOf), result.Restored);
        Assert.Equal(3, _host.WeChat.ListCalls);
        Assert.All(lost, i => Assert.Equal(
            TokenTestHost.RefreshTokenOf(TokenTestHost.AppIdOf(i)), _host.Vault.Peek(SecretNames.AuthorizerRefreshToken(TokenTestHost.AppIdOf(i)))?.Value));
    }

    [Fact]
    public async Task RunAsync_RegistryAndWeChatDisagree_Issue18_ReportsBothWaysAndRestoresNothingRevoked()
    {
        _host.PushTicket();
        _host.AddAuthorizer("wx00000000000000k1");
        _host.AddAuthorizer("wx00000000000000k2");
        _host.Registry.Put(new AuthorizerRecord { AppId = "wx00000000000000r1", State = AuthorizerState.Revoked });
        _host.WeChat.Listed["wx00000000000000k1"] = TokenTestHost.RefreshTokenOf("wx00000000000000k1");
        _host.WeChat.Listed["wx00000000000000r1"] = "refresh-secret-revoked";
        _host.WeChat.Listed["wx00000000000000u1"] = "refresh-secret-unknown";

        var result = await CreateSut().RunAsync();

        Assert.Equal(["wx00000000000000u1"], result.UnknownToRegistry);
        Assert.Equal(["wx00000000000000k2"], result.NotListedByWeChat);
        Assert.Empty(result.Restored);
        Assert.Null(_host.Vault.Peek(SecretNames.AuthorizerRefreshToken("wx00000000000000r1")));
        Assert.Null(_host.Vault.Peek(SecretNames.AuthorizerRefreshToken("wx00000000000000u1")));
    }
}
