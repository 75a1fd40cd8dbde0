namespace WeChatDomains.Core.Tokens;

/// <summary>
/// Refreshes the sweep does before their slot so that the vault write budget can keep up: every token whose
/// <see cref="RefreshSlots.DueAt"/> is before <see cref="DueBy"/> is refreshed now; <see cref="Refreshes"/> of them were
/// not due yet.
/// </summary>
/// <param name="DueBy">The sweep refreshes every token due before this (instead of <c>now + threshold</c>).</param>
/// <param name="Refreshes">How many of those are pulled forward (not due by <c>now + threshold</c>).</param>
public readonly record struct PullForward(DateTimeOffset DueBy, int Refreshes)
{
    /// <summary>
    /// Plans from the due times ahead (ascending, <see cref="RefreshSlots.DueAt"/>): a token due at <c>d</c> is refreshed
    /// at its slot <c>d - threshold</c> (or up to <see cref="TokenConstants.PullForwardSlack"/> after it); from the next
    /// lookahead, <paramref name="nextLookahead"/> after <paramref name="now"/>, the budget does
    /// <paramref name="refreshesPerSecond"/>. The k soonest must therefore be done by then as soon as k exceeds what the
    /// budget can do between the next lookahead and the k-th slot; when the most that must be done reaches past the slots
    /// of the next lookahead's period, they are pulled forward to now. Null when the slots alone keep up (the budget
    /// covers every slot from the next lookahead on).
    /// </summary>
    public static PullForward? Plan(
        IReadOnlyList<DateTimeOffset> dueTimes, DateTimeOffset now, TimeSpan threshold, TimeSpan nextLookahead, double refreshesPerSecond)
    {
        ArgumentNullException.ThrowIfNull(dueTimes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(refreshesPerSecond);
        // Compared in due times (slot + threshold): a token with no known expiry is due at DateTimeOffset.MinValue.
        var checkpoint = now + nextLookahead + threshold;
        var required = 0;
        for (var k = 0; k < dueTimes.Count; k++)
        {
            var doable = dueTimes[k] > checkpoint
                ? (long)((dueTimes[k] - checkpoint + TokenConstants.PullForwardSlack).TotalSeconds * refreshesPerSecond)
                : 0;
            required = (int)Math.Max(required, k + 1 - doable);
        }

        if (required == 0 || dueTimes[required - 1] <= checkpoint)
        {
            return null;
        }

        var dueNow = now + threshold;
        var alreadyDue = 0;
        while (alreadyDue < required && dueTimes[alreadyDue] < dueNow)
        {
            alreadyDue++;
        }

        return new PullForward(dueTimes[required - 1].AddTicks(1), required - alreadyDue);
    }
}
