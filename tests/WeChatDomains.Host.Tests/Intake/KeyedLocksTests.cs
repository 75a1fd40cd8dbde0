using WeChatDomains.Host.Intake;

namespace WeChatDomains.Host.Tests.Intake;

public sealed class KeyedLocksTests
{
    [Fact]
    public async Task AcquireAsync_SameKeyHeld_WaitsUntilReleased()
    {
        var locks = new KeyedLocks();
        var first = await locks.AcquireAsync("wx1", CancellationToken.None);

        var second = locks.AcquireAsync("wx1", CancellationToken.None);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second).Dispose();
        Assert.Equal(0, locks.Count);
    }

    [Fact]
    public async Task AcquireAsync_OtherKey_DoesNotWait()
    {
        var locks = new KeyedLocks();
        using var first = await locks.AcquireAsync("wx1", CancellationToken.None);

        var other = locks.AcquireAsync("wx2", CancellationToken.None);

        Assert.True(other.IsCompletedSuccessfully);
        (await other).Dispose();
    }

    [Fact]
    public async Task AcquireAsync_WaitCancelled_LeavesNoEntryBehind()
    {
        var locks = new KeyedLocks();
        var first = await locks.AcquireAsync("wx1", CancellationToken.None);
        using var cancel = new CancellationTokenSource();

        var waiting = locks.AcquireAsync("wx1", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        first.Dispose();
        Assert.Equal(0, locks.Count);
    }
}
