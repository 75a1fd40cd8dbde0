namespace WeChatDomains.EndToEnd.Tests;

/// <summary>Waits for a condition over HTTP (never a fixed sleep): probes, pauses briefly on real time, up to a deadline.</summary>
internal static class Eventually
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(100);

    /// <summary>The first non-null value <paramref name="probe"/> returns; fails the test after <see cref="Limit"/>.</summary>
    public static Task<T> ValueAsync<T>(Func<Task<T?>> probe, string what)
        where T : class => ValueAsync(probe, () => what);

    /// <summary>Completes once <paramref name="condition"/> holds; fails the test after <see cref="Limit"/>.</summary>
    public static Task TrueAsync(Func<Task<bool>> condition, string what) =>
        ValueAsync(async () => await condition() ? string.Empty : null, () => what);

    /// <summary>As <see cref="TrueAsync(Func{Task{bool}}, string)"/>, the failure saying what <paramref name="what"/> reads when it gives up.</summary>
    public static Task TrueAsync(Func<bool> condition, Func<string> what) =>
        ValueAsync(() => Task.FromResult(condition() ? string.Empty : null), what);

    private static async Task<T> ValueAsync<T>(Func<Task<T?>> probe, Func<string> what)
        where T : class
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (TimeProvider.System.GetElapsedTime(started) > Limit)
            {
                Assert.Fail($"Timed out after {Limit.TotalSeconds:0} s waiting until {what()}.");
            }

            await Task.Delay(Pause, TimeProvider.System);
        }
    }
}
