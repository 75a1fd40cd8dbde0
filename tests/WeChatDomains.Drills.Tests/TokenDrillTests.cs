using WeChatDomains.Bench.Drills;

namespace WeChatDomains.Drills.Tests;

/// <summary>
/// Issue 18's drill at CI size: authorizations under vault faults, authorization events out of order, replayed and
/// stale, the Host killed mid-refresh: every authorizer whose last event is <c>authorized</c> is Active with a working
/// refresh token, none is wrongly revoked, none lost.
/// </summary>
[Collection(DrillCollection.Name)]
public sealed class TokenDrillTests
{
    [Fact]
    public async Task Tokens_VaultFaultsEventsOutOfOrderAndKillsMidRefresh_NoAuthorizerLostOrWronglyRevoked()
    {
        var result = await TokenDrill.RunAsync(128, 0.2, 2, DrillCollection.Limit);

        DrillAssert.EveryAuthorizerKept(result);
    }
}
