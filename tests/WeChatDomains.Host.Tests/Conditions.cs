namespace WeChatDomains.Host.Tests;

/// <summary>Waits for a condition to hold (never a fixed sleep): checks it, then again after a short pause, up to a limit.</summary>
internal static class Conditions
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(20);
    private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(25);

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var started = TimeProvider.System.GetTimestamp();
        while (!await condition())
        {
            if (TimeProvider.System.GetElapsedTime(started) > Limit)
            {
                Assert.Fail($"Timed out waiting until {what}.");
            }

            await Task.Delay(Pause, TimeProvider.System);
        }
    }

    public static Task WaitUntilAsync(Func<bool> condition, string what) => WaitUntilAsync(() => Task.FromResult(condition()), what);
}
