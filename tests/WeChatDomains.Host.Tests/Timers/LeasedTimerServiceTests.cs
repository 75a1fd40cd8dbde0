using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using WeChatDomains.Core.Ports;
using WeChatDomains.Host.Timers;

namespace WeChatDomains.Host.Tests.Timers;

public sealed class LeasedTimerServiceTests
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(30);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly Mock<IScheduledJob> _job = new();
    private readonly Mock<ILeaseStore> _leases = new();
    private readonly Mock<ILease> _lease = new();
    private int _runs;

    public LeasedTimerServiceTests()
    {
        _job.SetupGet(j => j.LeaseName).Returns("job-lease");
        _job.SetupGet(j => j.Period).Returns(Period);
        _job.Setup(j => j.RunAsync(It.IsAny<CancellationToken>())).Callback(() => Interlocked.Increment(ref _runs)).Returns(Task.CompletedTask);
        _leases.Setup(l => l.TryAcquireAsync("job-lease", TimerConstants.RunLease, It.IsAny<CancellationToken>())).ReturnsAsync(_lease.Object);
        _lease.SetupGet(l => l.ExpiresAt).Returns(() => _time.GetUtcNow() + TimerConstants.RunLease);
        _lease.Setup(l => l.RenewAsync(It.IsAny<CancellationToken>())).ReturnsAsync(true);
    }

    [Fact]
    public async Task RunOnceAsync_LeaseFree_RunsTheJobAndReleasesTheLease()
    {
        var sut = CreateSut();

        var ran = await sut.RunOnceAsync(CancellationToken.None);

        Assert.True(ran);
        Assert.Equal(1, _runs);
        _lease.Verify(l => l.DisposeAsync(), Times.Once);
    }

    [Fact]
    public async Task RunOnceAsync_LeaseHeldByAnotherHost_DoesNotRun()
    {
        _leases.Setup(l => l.TryAcquireAsync("job-lease", It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).ReturnsAsync((ILease?)null);
        var sut = CreateSut();

        var ran = await sut.RunOnceAsync(CancellationToken.None);

        Assert.False(ran);
        Assert.Equal(0, _runs);
    }

    [Fact]
    public async Task RunOnceAsync_JobThrows_ReleasesTheLeaseAndReportsNoRun()
    {
        _job.Setup(j => j.RunAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new InvalidOperationException("boom"));
        var sut = CreateSut();

        var ran = await sut.RunOnceAsync(CancellationToken.None);

        Assert.False(ran);
        _lease.Verify(l => l.DisposeAsync(), Times.Once);
    }

    [Fact]
    public async Task ExecuteAsync_RunsAtStartThenEveryPeriod()
    {
        using var sut = CreateSut();

        await sut.StartAsync(CancellationToken.None);
        await Conditions.WaitUntilAsync(() => Volatile.Read(ref _runs) == 1, "the first run at start");
        _time.Advance(Period - TimeSpan.FromSeconds(1));
        Assert.Equal(1, Volatile.Read(ref _runs));
        _time.Advance(TimeSpan.FromSeconds(1));
        await Conditions.WaitUntilAsync(() => Volatile.Read(ref _runs) == 2, "the run after one period");
        await sut.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task RunOnceAsync_RunLongerThanTheLease_RenewsItEveryThirdOfItsDuration_Issue12()
    {
        var finish = new TaskCompletionSource();
        _job.Setup(j => j.RunAsync(It.IsAny<CancellationToken>())).Returns(finish.Task);
        var sut = CreateSut();

        var run = sut.RunOnceAsync(CancellationToken.None);
        for (var i = 0; i < 6; i++)
        {
            _time.Advance(TimerConstants.RunLease / 3);
            await Conditions.WaitUntilAsync(() => RenewCount() == i + 1, $"renewal {i + 1}");
        }

        finish.SetResult();

        Assert.True(await run);
        Assert.Equal(6, RenewCount());
        _lease.Verify(l => l.DisposeAsync(), Times.Once);
    }

    [Fact]
    public async Task RunOnceAsync_LeaseLostMidRun_CancelsTheRun_Issue12()
    {
        var cancelled = new TaskCompletionSource();
        _job.Setup(j => j.RunAsync(It.IsAny<CancellationToken>())).Returns<CancellationToken>(async token =>
        {
            await using var registration = token.Register(() => cancelled.TrySetResult());
            await cancelled.Task;
            token.ThrowIfCancellationRequested();
        });
        _lease.Setup(l => l.RenewAsync(It.IsAny<CancellationToken>())).ReturnsAsync(false);
        var sut = CreateSut();

        var run = sut.RunOnceAsync(CancellationToken.None);
        _time.Advance(TimerConstants.RunLease / 3);

        Assert.False(await run);
        Assert.Null(sut.LastCompleted);
    }

    [Fact]
    public async Task RunOnceAsync_StorageDownWhileRenewing_CancelsOnlyWhenTheLeaseIsAboutToLapse_Issue12()
    {
        var token = CancellationToken.None;
        var started = new TaskCompletionSource();
        _job.Setup(j => j.RunAsync(It.IsAny<CancellationToken>())).Returns<CancellationToken>(async t =>
        {
            token = t;
            started.TrySetResult();
            await Task.Delay(Timeout.InfiniteTimeSpan, _time, t);
        });
        var expiresAt = _time.GetUtcNow() + TimerConstants.RunLease;
        _lease.SetupGet(l => l.ExpiresAt).Returns(expiresAt);
        _lease.Setup(l => l.RenewAsync(It.IsAny<CancellationToken>())).ThrowsAsync(new IOException("storage unreachable"));
        var sut = CreateSut();

        var run = sut.RunOnceAsync(CancellationToken.None);
        await started.Task;
        _time.Advance(TimerConstants.RunLease / 3);
        await Conditions.WaitUntilAsync(() => RenewCount() == 1, "the first renewal");
        Assert.False(token.IsCancellationRequested);
        _time.Advance(TimerConstants.RunLease / 3);

        Assert.False(await run);
        Assert.True(token.IsCancellationRequested);
    }

    [Fact]
    public async Task RunOnceAsync_LeaseUnavailableForSeveralPeriods_JobSafeToRunTwiceRunsOverdue_Issue12()
    {
        _job.SetupGet(j => j.RunsWhenOverdue).Returns(true);
        _leases.Setup(l => l.TryAcquireAsync("job-lease", It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).ReturnsAsync((ILease?)null);
        var sut = CreateSut();

        var ranEarly = new List<bool>();
        for (var i = 0; i < TimerConstants.OverdueAfterPeriods; i++)
        {
            ranEarly.Add(await sut.RunOnceAsync(CancellationToken.None));
            _time.Advance(Period);
        }

        var ranOverdue = await sut.RunOnceAsync(CancellationToken.None);

        Assert.All(ranEarly, Assert.False);
        Assert.True(ranOverdue);
        Assert.Equal(1, _runs);
        Assert.Equal(_time.GetUtcNow(), sut.LastCompleted);
    }

    [Fact]
    public async Task RunOnceAsync_LeaseUnavailableForSeveralPeriods_JobNotSafeToRunTwiceStillWaits()
    {
        _leases.Setup(l => l.TryAcquireAsync("job-lease", It.IsAny<TimeSpan>(), It.IsAny<CancellationToken>())).ReturnsAsync((ILease?)null);
        var sut = CreateSut();

        for (var i = 0; i <= TimerConstants.OverdueAfterPeriods; i++)
        {
            Assert.False(await sut.RunOnceAsync(CancellationToken.None));
            _time.Advance(Period);
        }

        Assert.Equal(0, _runs);
    }

    private int RenewCount() => _lease.Invocations.Count(i => i.Method.Name == nameof(ILease.RenewAsync));

    private LeasedTimerService CreateSut() =>
        new(_job.Object, _leases.Object, Options.Create(new TimerOptions()), _time, NullLogger<LeasedTimerService>.Instance);
}
