using Microsoft.Extensions.Time.Testing;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Azure.Tests.TableStorage;
using WeChatDomains.Azure.Vault;
using WeChatDomains.Core.Tokens;
using WeChatDomains.Testing;

namespace WeChatDomains.Azure.Tests.Vault;

[Collection(AzuriteCollection.Name)]
public sealed class TableVaultWriteBudgetTests(AzuriteFixture azurite)
{
    private readonly TableStorageTables _tables = TestTables.Create(azurite);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));

    private TableVaultWriteBudget CreateInstance() => new(_tables, Microsoft.Extensions.Options.Options.Create(new TokenOptions()), _time);

    [Fact]
    public async Task TryClaimAsync_FourInstancesAtOnce_Issue18_GrantOneBudgetBetweenThem()
    {
        var instances = Enumerable.Range(0, 4).Select(_ => CreateInstance()).ToList();

        var claims = await Task.WhenAll(instances.SelectMany(i => Enumerable.Range(0, 20).Select(_ => i.TryClaimAsync())));

        Assert.Equal(instances[0].PerSecond, claims.Count(c => c));
        Assert.Equal(25, instances[0].PerSecond);
    }

    [Fact]
    public async Task TryClaimAsync_NextSecond_Issue18_GrantsAFreshBucket()
    {
        var sut = CreateInstance();
        while (await sut.TryClaimAsync())
        {
        }

        _time.Advance(TimeSpan.FromSeconds(1));

        Assert.True(await sut.TryClaimAsync());
    }

    [Fact]
    public async Task TryClaimAsync_SameRingRowAMinuteLater_Issue18_StartsFromZero()
    {
        var sut = CreateInstance();
        while (await sut.TryClaimAsync())
        {
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        var granted = 0;
        while (await sut.TryClaimAsync())
        {
            granted++;
        }

        Assert.Equal(sut.PerSecond, granted);
    }
}
