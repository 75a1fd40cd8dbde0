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

    private LeasedTimerService CreateSut() =>
        new(_job.Object, _leases.Object, Options.Create(new TimerOptions()), _time, NullLogger<LeasedTimerService>.Instance);
}
