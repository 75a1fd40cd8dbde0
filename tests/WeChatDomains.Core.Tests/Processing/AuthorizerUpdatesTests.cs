using Microsoft.Extensions.Time.Testing;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Profiles;
using WeChatDomains.Core.Status;
using WeChatDomains.Core.Tests.Tokens.Doubles;
using WeChatDomains.Core.Tokens;
using WeChatDomains.WeChat.Client;

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

    /// <summary>
    /// Issue 15 drift: a get reads the console's (mp) lists; a later modify_domain changes only the platform's (third) lists,
    /// so the record keeps the console's extra domain and the authorizer does not read as matching until a get says so.
    /// </summary>
    [Fact]
    public async Task RecordDomainsAsync_ModifyAfterAGet_KeepsTheConsoleListsAndUpdatesOnlyThePlatforms()
    {
        _registry.Put(new AuthorizerRecord { AppId = AppId, State = AuthorizerState.Active });
        var updates = new AuthorizerUpdates(_registry, new FakeTimeProvider());
        var console = new ServerDomains { RequestDomain = ["https://console.example.com"] };
        var old = new ServerDomains { RequestDomain = ["https://old.example.com"] };
        var wanted = new ServerDomains { RequestDomain = ["https://api.example.com"] };
        await updates.RecordDomainsAsync(AppId, WeChatApi.GetEffectiveDomain, new EffectiveDomains(console, old, new ServerDomains(), new ServerDomains { RequestDomain = ["https://console.example.com", "https://old.example.com"] }), CancellationToken.None);
        await updates.RecordDomainsAsync(AppId, WeChatApi.GetEffectiveWebviewDomain, new EffectiveWebviewDomains([], [], [], []), CancellationToken.None);

        await updates.RecordDomainsAsync(AppId, WeChatApi.ModifyDomain, wanted, CancellationToken.None);

        var observed = ObservedDomains.From(_registry.Peek(AppId));
        Assert.Equal(["https://api.example.com"], observed.Third.Server!["requestdomain"]);
        Assert.Equal(["https://console.example.com"], observed.Mp.Server!["requestdomain"]);
        Assert.Empty(observed.Direct.Server!["requestdomain"]);
        Assert.Equal(["https://console.example.com", "https://api.example.com"], observed.Effective().Server!["requestdomain"]);
    }

    [Fact]
    public async Task RecordDomainsAsync_ModifyDomainDirectly_WritesTheDirectListsOnly()
    {
        _registry.Put(new AuthorizerRecord { AppId = AppId, State = AuthorizerState.Active });
        var updates = new AuthorizerUpdates(_registry, new FakeTimeProvider());

        await updates.RecordDomainsAsync(AppId, WeChatApi.ModifyDomainDirectly, new ServerDomains { UdpDomain = ["udp://rt.example.com:8000"] }, CancellationToken.None);

        var record = _registry.Peek(AppId)!;
        Assert.Null(record.ThirdServerDomains);
        Assert.Null(record.MpServerDomains);
        Assert.Equal(["udp://rt.example.com:8000"], ObservedDomains.From(record).Direct.Server!["udpdomain"]);
    }
}
