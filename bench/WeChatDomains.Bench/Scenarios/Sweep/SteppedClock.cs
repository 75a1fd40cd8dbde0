using Microsoft.Extensions.Time.Testing;

namespace WeChatDomains.Bench.Scenarios.Sweep;

/// <summary>
/// Simulated time: a <see cref="FakeTimeProvider"/> that remembers when each armed timer is due, so a driver can jump
/// straight to the next wake-up (a write-limiter wait, a simulated WeChat latency, a Retry-After) and never further.
/// Time moves only while the work is idle: every piece of it waits for a timer of this clock, none runs or is queued on
/// the thread pool. Work that runs takes no simulated time (the bench measures waits, not CPU).
/// </summary>
internal sealed class SteppedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    /// <summary>Consecutive idle readings taken before time moves (guards the moment a pool thread hands work on).</summary>
    private const int IdleReadings = 2;

    private readonly Lock _gate = new();
    private readonly Dictionary<object, DateTimeOffset> _due = [];

    /// <summary>
    /// Runs the work <paramref name="start"/> begins to completion on a thread of its own (not a pool thread, so the
    /// idle test sees only the work's), moving time to each next due timer whenever the work is idle.
    /// </summary>
    public Task<T> DriveAsync<T>(Func<Task<T>> start, TimeSpan limit) =>
        Task.Factory.StartNew(() => Drive(start(), limit), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var key = new object();
        Track(key, dueTime);
        var inner = base.CreateTimer(
            s =>
            {
                Track(key, period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan ? period : Timeout.InfiniteTimeSpan);
                callback(s);
            },
            state,
            dueTime,
            period);
        return new TrackedTimer(this, key, inner);
    }

    private T Drive<T>(Task<T> work, TimeSpan limit)
    {
        var until = GetUtcNow() + limit;
        while (!work.IsCompleted)
        {
            if (!IsIdle())
            {
                Thread.Yield();
                continue;
            }

            DateTimeOffset? next;
            lock (_gate)
            {
                next = _due.Count == 0 ? null : _due.Values.Min();
            }

            if (work.IsCompleted)
            {
                break;
            }

            var due = next ?? throw new InvalidOperationException("The work is idle and waits for no timer of the simulated clock.");
            if (due > until)
            {
                throw new TimeoutException($"Not done within {limit} of simulated time.");
            }

            var step = due - GetUtcNow();
            Advance(step > TimeSpan.Zero ? step : TimeSpan.FromTicks(1));
        }

        return work.GetAwaiter().GetResult();
    }

    /// <summary>True when no work item is queued on the thread pool and no pool thread is processing one, twice running.</summary>
    private static bool IsIdle()
    {
        for (var reading = 0; reading < IdleReadings; reading++)
        {
            ThreadPool.GetMaxThreads(out var maxWorkers, out _);
            ThreadPool.GetAvailableThreads(out var availableWorkers, out _);
            if (ThreadPool.PendingWorkItemCount != 0 || availableWorkers != maxWorkers)
            {
                return false;
            }

            Thread.Yield();
        }

        return true;
    }

    private void Track(object key, TimeSpan dueTime)
    {
        lock (_gate)
        {
            if (dueTime == Timeout.InfiniteTimeSpan)
            {
                _due.Remove(key);
            }
            else
            {
                _due[key] = GetUtcNow() + dueTime;
            }
        }
    }

    private sealed class TrackedTimer(SteppedClock clock, object key, ITimer inner) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            clock.Track(key, dueTime);
            return inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            clock.Track(key, Timeout.InfiniteTimeSpan);
            inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
