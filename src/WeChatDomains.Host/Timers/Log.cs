namespace WeChatDomains.Host.Timers;

/// <summary>Log lines of the Host's timers (event ids 4120-4129).</summary>
internal static partial class Log
{
    [LoggerMessage(4120, LogLevel.Debug, "Timer {Lease} skipped: another Host holds its lease")]
    public static partial void LeaseHeld(ILogger logger, string lease);

    [LoggerMessage(4121, LogLevel.Error, "Timer {Lease} run failed; the next tick tries again")]
    public static partial void RunFailed(ILogger logger, string lease, Exception exception);

    [LoggerMessage(4123, LogLevel.Warning, "Timer {Lease} is overdue (last completed here: {LastCompleted}) and its lease cannot be had: running it without the lease")]
    public static partial void RunningOverdue(ILogger logger, string lease, DateTimeOffset? lastCompleted);

    [LoggerMessage(4124, LogLevel.Debug, "Timer {Lease} run started")]
    public static partial void RunStarted(ILogger logger, string lease);

    [LoggerMessage(4125, LogLevel.Debug, "Timer {Lease} run completed")]
    public static partial void RunCompleted(ILogger logger, string lease);

    [LoggerMessage(4122, LogLevel.Warning, "The token refresh sweep is not wired into this Host: tokens are not refreshed by the timer")]
    public static partial void SweepNotWired(ILogger logger);
}
