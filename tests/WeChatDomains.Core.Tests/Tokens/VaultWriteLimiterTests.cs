using Microsoft.Extensions.Options;
using Moq;
using WeChatDomains.Core.Ports;
using Microsoft.Extensions.Time.Testing;
using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Core.Tests.Tokens;

public sealed class VaultWriteLimiterTests
{
    private readonly FakeTimeProvider _time = new();

    private VaultWriteLimiter CreateSut(int limit) => new(
        Options.Create(new TokenOptions { VaultWritesPerWindow = limit, VaultWriteWindow = TimeSpan.FromSeconds(10) }), _time);

    [Fact]
    public async Task WaitAsync_UnderTheLimit_CompletesAtOnce()
    {
        var sut = CreateSut(3);

        for (var i = 0; i < 3; i++)
        {
            Assert.True(sut.WaitAsync().IsCompleted);
        }

        await Task.CompletedTask;
    }

    [Fact]
    public async Task WaitAsync_LimitReached_WaitsUntilTheOldestWriteLeavesTheWindow()
    {
        var sut = CreateSut(2);
        await sut.WaitAsync();
        _time.Advance(TimeSpan.FromSeconds(4));
        await sut.WaitAsync();

        var third = sut.WaitAsync();
        _time.Advance(TimeSpan.FromSeconds(5.9));
        Assert.False(third.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        await third;

        Assert.False(sut.WaitAsync().IsCompleted);
    }

    [Fact]
    public async Task WaitAsync_SharedBudgetSpent_Issue18_WaitsForTheNextSecondBucket()
    {
        var shared = new Mock<IVaultWriteBudget>();
        var claims = new Queue<bool>([false, true]);
        shared.Setup(b => b.TryClaimAsync(It.IsAny<CancellationToken>())).ReturnsAsync(() => claims.Dequeue());
        var sut = new VaultWriteLimiter(
            Options.Create(new TokenOptions { VaultWritesPerWindow = 100, VaultWriteWindow = TimeSpan.FromSeconds(10) }), _time, shared.Object);

        var wait = sut.WaitAsync();
        Assert.False(wait.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        await wait;

        shared.Verify(b => b.TryClaimAsync(It.IsAny<CancellationToken>()), Times.Exactly(2));
    }
}
