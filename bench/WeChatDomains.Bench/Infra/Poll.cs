namespace WeChatDomains.Bench.Infra;

/// <summary>Waits for a condition with a deadline, checking it again after a short pause (never a fixed sleep).</summary>
internal static class Poll
{
    internal static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    public static Task UntilAsync(Func<Task<bool>> condition, TimeSpan limit, string what, TimeSpan? pause = null) =>
        UntilAsync(condition, limit, () => what, pause);

    /// <summary>As above; <paramref name="what"/> is read when the wait fails, so it can say what was still missing then.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan limit, Func<string> what, TimeSpan? pause = null)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > limit)
            {
                throw new TimeoutException($"Timed out after {limit} waiting until {what()}.");
            }

            await Task.Delay(pause ?? Pause, TimeProvider.System);
        }
    }

    /// <summary>Retries <paramref name="action"/> until it succeeds (a service restarting), up to <paramref name="limit"/>.</summary>
    public static async Task<T> RetryAsync<T>(Func<Task<T>> action, TimeSpan limit)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            try
            {
                return await action();
            }
            catch (Exception) when (TimeProvider.System.GetElapsedTime(started) < limit)
            {
                await Task.Delay(Pause, TimeProvider.System);
            }
        }
    }
}
