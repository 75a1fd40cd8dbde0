using WeChatDomains.Core.Status;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Core.Processing;

/// <summary>What an outcome class does to a command: its next state, when it runs again, and the host's disposition.</summary>
/// <param name="State">The state to record.</param>
/// <param name="Disposition">What the host does with the message.</param>
/// <param name="NextAttemptAt">When a Deferred command is due (null otherwise).</param>
/// <param name="WakeBy">Who brings a Deferred command back (null otherwise).</param>
public sealed record OutcomeDecision(CommandState State, Disposition Disposition, DateTimeOffset? NextAttemptAt, DeferralWake? WakeBy);

/// <summary>
/// The one table that turns an outcome class into a state and a disposition (DESIGN section 4). Pure: time and
/// randomness are passed in, so every row is tested as a specification.
/// </summary>
public sealed class OutcomePolicy(ProcessingOptions options)
{
    /// <summary>Decides for an outcome of <paramref name="errorClass"/> after <paramref name="attempts"/> attempts of the command.</summary>
    /// <param name="errorClass">The refined class of the outcome.</param>
    /// <param name="attempts">Attempts made so far, this one included.</param>
    /// <param name="now">The current time.</param>
    /// <param name="jitter">A value in [0, 1) for spreading retries.</param>
    /// <param name="description">errcode and errmsg in words, for the dead-letter description and the reason.</param>
    public OutcomeDecision Decide(WeChatErrorClass errorClass, int attempts, DateTimeOffset now, double jitter, string description)
    {
        switch (errorClass)
        {
            case WeChatErrorClass.Success:
            case WeChatErrorClass.NoChange:
                return new(CommandState.Succeeded, new Disposition.Complete(), null, null);

            case WeChatErrorClass.Transient:
            case WeChatErrorClass.TokenInvalid:
                return attempts < options.MaxAttempts
                    ? Retry(attempts, now, jitter, description)
                    : Fail(errorClass, $"gave up after {attempts} attempts: {description}");

            case WeChatErrorClass.Unknown:
                return attempts < Math.Min(options.UnknownCodeAttempts, options.MaxAttempts)
                    ? Retry(attempts, now, jitter, description)
                    : Fail(errorClass, $"unknown errcode after {attempts} attempts: {description}");

            case WeChatErrorClass.TicketInvalid:
                return Defer(now + options.TicketWait, "waiting for the next component_verify_ticket push: " + description);

            case WeChatErrorClass.RateLimited:
                var nextMinute = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, now.Offset).AddMinutes(1);
                return Defer(nextMinute + options.RateLimitJitter * jitter, "rate limited (45011): " + description);

            case WeChatErrorClass.DailyQuota:
                return Defer(ChinaTime.NextMidnight(now), "daily quota spent (45009): " + description);

            case WeChatErrorClass.MonthlyQuota:
                return Defer(ChinaTime.NextMonthStart(now), "monthly modification quota spent: " + description);

            case WeChatErrorClass.Configuration:
            case WeChatErrorClass.InvalidRequest:
            case WeChatErrorClass.AuthorizationLost:
                return Fail(errorClass, description);

            default:
                throw new ArgumentOutOfRangeException(nameof(errorClass), errorClass, "No decision for this class.");
        }
    }

    /// <summary>The delay of command-level retry number <paramref name="attempts"/>: exponential with full jitter in its upper half.</summary>
    public TimeSpan RetryDelay(int attempts, double jitter)
    {
        var exponent = Math.Clamp(attempts - 1, 0, 20);
        var ceiling = Math.Min(options.RetryBaseDelay.TotalMilliseconds * Math.Pow(2, exponent), options.RetryMaxDelay.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(ceiling * (0.5 + (jitter / 2)));
    }

    /// <summary>The decision for a command that reached the month's quota before any call.</summary>
    public static OutcomeDecision QuotaExhausted(DateTimeOffset now, int quota) =>
        Defer(ChinaTime.NextMonthStart(now), $"the month's {quota} modifications are used; waiting for the next month (CST)");

    private OutcomeDecision Retry(int attempts, DateTimeOffset now, double jitter, string description)
    {
        var delay = RetryDelay(attempts, jitter);
        return new(CommandState.Deferred, new Disposition.RetryAfter(delay, description), now + delay, DeferralWake.Queue);
    }

    private static OutcomeDecision Defer(DateTimeOffset until, string reason) =>
        new(CommandState.Deferred, new Disposition.Deferred(until, reason), until, DeferralWake.Timer);

    private static OutcomeDecision Fail(WeChatErrorClass errorClass, string description) =>
        new(CommandState.Failed, new Disposition.DeadLetter(errorClass.ToString(), description), null, null);
}
