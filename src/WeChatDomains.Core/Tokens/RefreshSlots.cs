namespace WeChatDomains.Core.Tokens;

/// <summary>
/// Spreads refreshes: each authorizer gets a fixed offset in [0, spread) from a stable hash of its appid (FNV-1a, the
/// same in every process and run), and is due once less than threshold + offset of its token remains. Tokens issued
/// together (a burst of authorizations) thus come due at different sweeps and stay apart afterwards.
/// </summary>
public static class RefreshSlots
{
    /// <summary>The offset of <paramref name="appId"/> within <paramref name="spread"/>.</summary>
    public static TimeSpan OffsetOf(string appId, TimeSpan spread)
    {
        ArgumentNullException.ThrowIfNull(appId);
        if (spread <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var hash = 2166136261u;
        foreach (var c in appId)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return TimeSpan.FromTicks((long)(hash % (ulong)spread.Ticks));
    }

    /// <summary>The time after which the token of <paramref name="appId"/> must not expire without a refresh.</summary>
    public static DateTimeOffset FreshUntil(string appId, DateTimeOffset now, TimeSpan threshold, TimeSpan spread) =>
        now + threshold + OffsetOf(appId, spread);

    /// <summary>
    /// When the refresh of a token of <paramref name="appId"/> expiring at <paramref name="expiresAt"/> comes due, less
    /// the threshold: it is due at a sweep of time <c>now</c> once this is before <c>now + threshold</c> (the same test as
    /// <see cref="FreshUntil"/>). Null when the expiry is unknown (due at once).
    /// </summary>
    public static DateTimeOffset? DueAt(string appId, DateTimeOffset? expiresAt, TimeSpan spread) =>
        expiresAt - OffsetOf(appId, spread);
}
