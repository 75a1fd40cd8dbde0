using Microsoft.Extensions.Time.Testing;
using WeChatDomains.Azure.Leases;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Azure.Tests.TableStorage;
using WeChatDomains.Testing;

namespace WeChatDomains.Azure.Tests.Leases;

[Collection(AzuriteCollection.Name)]
public sealed class TableLeaseStoreTests(AzuriteFixture azurite)
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(30);

    private readonly TableStorageTables _tables = TestTables.Create(azurite);
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task TryAcquireAsync_Free_ReturnsLeaseWithExpiry()
    {
        await using var lease = await CreateSut().TryAcquireAsync("refresh:wx1", Duration);

        Assert.NotNull(lease);
        Assert.Equal("refresh:wx1", lease.Name);
        Assert.Equal(_time.GetUtcNow() + Duration, lease.ExpiresAt);
    }

    [Fact]
    public async Task TryAcquireAsync_HeldByAnotherInstance_ReturnsNull()
    {
        await using var held = await CreateSut().TryAcquireAsync("sweep", Duration);

        var second = await CreateSut().TryAcquireAsync("sweep", Duration);

        Assert.NotNull(held);
        Assert.Null(second);
    }

    [Fact]
    public async Task TryAcquireAsync_Lapsed_TakesOver()
    {
        await using var first = await CreateSut().TryAcquireAsync("sweep", Duration);
        _time.Advance(Duration + TimeSpan.FromSeconds(1));

        await using var second = await CreateSut().TryAcquireAsync("sweep", Duration);

        Assert.NotNull(first);
        Assert.NotNull(second);
    }

    [Fact]
    public async Task RenewAsync_AfterTakeover_ReturnsFalse()
    {
        var first = (await CreateSut().TryAcquireAsync("sweep", Duration))!;
        _time.Advance(Duration + TimeSpan.FromSeconds(1));
        await using var second = await CreateSut().TryAcquireAsync("sweep", Duration);

        Assert.False(await first.RenewAsync());
        await first.DisposeAsync();
        Assert.True(await second!.RenewAsync());
    }

    [Fact]
    public async Task RenewAsync_Held_ExtendsAndKeepsOthersOut()
    {
        await using var lease = (await CreateSut().TryAcquireAsync("sweep", Duration))!;
        _time.Advance(TimeSpan.FromSeconds(20));

        var renewed = await lease.RenewAsync();
        _time.Advance(TimeSpan.FromSeconds(20));

        Assert.True(renewed);
        Assert.Equal(_time.GetUtcNow() - TimeSpan.FromSeconds(20) + Duration, lease.ExpiresAt);
        Assert.Null(await CreateSut().TryAcquireAsync("sweep", Duration));
    }

    [Fact]
    public async Task DisposeAsync_Held_ReleasesForOthers()
    {
        var lease = (await CreateSut().TryAcquireAsync("sweep", Duration))!;

        await lease.DisposeAsync();
        await lease.DisposeAsync();

        await using var next = await CreateSut().TryAcquireAsync("sweep", Duration);
        Assert.NotNull(next);
    }

    [Fact]
    public async Task TryAcquireAsync_InvalidName_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => CreateSut().TryAcquireAsync("a/b", Duration));
    }

    [Fact]
    public async Task TryAcquireAsync_OwnLeaseLeftByACrashedRun_IsTakenBackAtOnce_Issue12()
    {
        var crashed = await CreateSut("host-1").TryAcquireAsync("timer", Duration);
        var restarted = CreateSut("host-1");

        await using var taken = await restarted.TryAcquireAsync("timer", Duration);
        var other = await CreateSut("host-2").TryAcquireAsync("timer", Duration);

        Assert.NotNull(crashed);
        Assert.NotNull(taken);
        Assert.Null(other);
        Assert.False(await crashed.RenewAsync());
    }

    [Fact]
    public async Task TryAcquireAsync_HeldByAnotherCallerOfTheSameStore_ReturnsNullUntilReleased()
    {
        var sut = CreateSut("host-1");
        var first = await sut.TryAcquireAsync("refresh:wx1", Duration);

        var second = await sut.TryAcquireAsync("refresh:wx1", Duration);
        await first!.DisposeAsync();
        await using var third = await sut.TryAcquireAsync("refresh:wx1", Duration);

        Assert.Null(second);
        Assert.NotNull(third);
    }

    [Fact]
    public async Task TryAcquireAsync_ConcurrentCallersOfTheSameStore_ExactlyOneHolds()
    {
        var sut = CreateSut("host-1");
        var leftover = await CreateSut("host-1").TryAcquireAsync("sweep", Duration);

        var leases = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => sut.TryAcquireAsync("sweep", Duration)));

        Assert.NotNull(leftover);
        Assert.Single(leases, l => l is not null);
    }

    private TableLeaseStore CreateSut(string? holder = null) => new(_tables, _time, holder);
}
