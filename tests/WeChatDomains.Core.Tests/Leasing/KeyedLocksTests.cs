using WeChatDomains.Core.Leasing;
using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Core.Tests.Leasing;

public sealed class KeyedLocksTests
{
    private static readonly TokenKey Key = TokenKey.Authorizer("wx00000000000000a1");

    private static KeyedLocks<TokenKey> CreateSut() => new();

    [Fact]
    public async Task AcquireAsync_HolderLeaves_Issue16_LockRemoved()
    {
        var sut = CreateSut();

        using (await sut.AcquireAsync(Key, CancellationToken.None))
        {
            Assert.Equal(1, sut.Count);
        }

        Assert.Equal(0, sut.Count);
    }

    [Fact]
    public async Task AcquireAsync_SecondCaller_WaitsUntilTheFirstLeavesThenTheGateGoesWithTheLast()
    {
        var sut = CreateSut();
        var first = await sut.AcquireAsync(Key, CancellationToken.None);

        var second = sut.AcquireAsync(Key, CancellationToken.None);
        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second).Dispose();

        Assert.Equal(0, sut.Count);
    }

    [Fact]
    public async Task AcquireAsync_WaiterCancelled_GateKeptForTheHolderAndRemovedWhenItLeaves()
    {
        var sut = CreateSut();
        var holder = await sut.AcquireAsync(Key, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();

        var waiter = sut.AcquireAsync(Key, cancellation.Token);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        Assert.Equal(1, sut.Count);
        holder.Dispose();

        Assert.Equal(0, sut.Count);
        using (await sut.AcquireAsync(Key, CancellationToken.None))
        {
            Assert.Equal(1, sut.Count);
        }
    }

    [Fact]
    public async Task AcquireAsync_DifferentKeys_DoNotWaitForEachOther()
    {
        var sut = CreateSut();
        using var first = await sut.AcquireAsync(Key, CancellationToken.None);

        var other = sut.AcquireAsync(TokenKey.Component, CancellationToken.None);

        Assert.True(other.IsCompleted);
        (await other).Dispose();
        Assert.Equal(1, sut.Count);
    }
}
