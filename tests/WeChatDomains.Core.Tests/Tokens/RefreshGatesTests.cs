using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Core.Tests.Tokens;

public sealed class RefreshGatesTests
{
    private static readonly TokenKey Key = TokenKey.Authorizer("wx00000000000000a1");

    private static RefreshGates CreateSut() => new();

    [Fact]
    public async Task EnterAsync_HolderLeaves_Issue16_GateRemoved()
    {
        var sut = CreateSut();

        using (await sut.EnterAsync(Key, CancellationToken.None))
        {
            Assert.Equal(1, sut.Count);
        }

        Assert.Equal(0, sut.Count);
    }

    [Fact]
    public async Task EnterAsync_SecondCaller_WaitsUntilTheFirstLeavesThenTheGateGoesWithTheLast()
    {
        var sut = CreateSut();
        var first = await sut.EnterAsync(Key, CancellationToken.None);

        var second = sut.EnterAsync(Key, CancellationToken.None);
        Assert.False(second.IsCompleted);
        first.Dispose();
        (await second).Dispose();

        Assert.Equal(0, sut.Count);
    }

    [Fact]
    public async Task EnterAsync_WaiterCancelled_GateKeptForTheHolderAndRemovedWhenItLeaves()
    {
        var sut = CreateSut();
        var holder = await sut.EnterAsync(Key, CancellationToken.None);
        using var cancellation = new CancellationTokenSource();

        var waiter = sut.EnterAsync(Key, cancellation.Token);
        await cancellation.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiter);
        Assert.Equal(1, sut.Count);
        holder.Dispose();

        Assert.Equal(0, sut.Count);
        using (await sut.EnterAsync(Key, CancellationToken.None))
        {
            Assert.Equal(1, sut.Count);
        }
    }

    [Fact]
    public async Task EnterAsync_DifferentKeys_DoNotWaitForEachOther()
    {
        var sut = CreateSut();
        using var first = await sut.EnterAsync(Key, CancellationToken.None);

        var other = sut.EnterAsync(TokenKey.Component, CancellationToken.None);

        Assert.True(other.IsCompleted);
        (await other).Dispose();
        Assert.Equal(1, sut.Count);
    }
}
