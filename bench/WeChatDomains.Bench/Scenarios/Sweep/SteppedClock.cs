using Microsoft.Extensions.Time.Testing;

namespace WeChatDomains.Bench.Scenarios.Sweep;

/// <summary>
/// Simulated time: a <see cref="FakeTimeProvider"/> that remembers when each armed timer is due, so a driver can jump
/// straight to the next wake-up (a write-limiter wait, a simulated WeChat latency, a Retry-After) and never further.
/// </summary>
internal sealed class SteppedClock(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<object, DateTimeOffset> _due = [];

    /// <summary>Runs <paramref name="work"/> to completion, moving time to each next due timer while it waits.</summary>
    public async Task<T> DriveAsync<T>(Task<T> work, TimeSpan limit)
    {
        var until = GetUtcNow() + limit;
        while (!work.IsCompleted)
        {
            DateTimeOffset? next;
            lock (_gate)
            {
                next = _due.Count == 0 ? null : _due.Values.Min();
            }

            if (GetUtcNow() > until)
            {
                throw new TimeoutException($"Not done within {limit} of simulated time.");
            }

            if (next is { } due && ThreadPool.PendingWorkItemCount == 0)
            {
                var step = due - GetUtcNow();
                Advance(step > TimeSpan.FromMilliseconds(1) ? step : TimeSpan.FromMilliseconds(1));
            }

            await Task.Yield();
        }

        return await work;
    }

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
