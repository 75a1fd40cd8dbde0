namespace WeChatDomains.Core.Tokens;

/// <summary>
/// Spreads refreshes: each authorizer gets a fixed offset in [0, spread) from a stable hash of its appid (FNV-1a with
/// the murmur3 finalizer, the same in every process and run), scaled over the whole spread, and is due once less than
/// threshold + offset of its token remains. Tokens issued together (a burst of authorizations) thus come due at
/// different sweeps and stay apart afterwards.
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

        // FNV-1a alone spreads its high bits unevenly over appids that differ in their last digits, hence the finalizer.
        hash = (hash ^ (hash >> 16)) * 0x85EBCA6Bu;
        hash = (hash ^ (hash >> 13)) * 0xC2B2AE35u;
        hash ^= hash >> 16;

        // Scaled, not taken modulo: a 32-bit hash modulo the ticks of 30 minutes stays under 2^32 ticks (7.2 min).
        return TimeSpan.FromTicks((long)(((UInt128)hash * (ulong)spread.Ticks) >> 32));
    }

    /// <summary>The time after which the token of <paramref name="appId"/> must not expire without a refresh.</summary>
    public static DateTimeOffset FreshUntil(string appId, DateTimeOffset now, TimeSpan threshold, TimeSpan spread) =>
        FreshUntil(appId, now + threshold, spread);

    /// <summary>
    /// The same for a sweep that refreshes every token whose <see cref="DueAt"/> is before <paramref name="dueBy"/>
    /// (<c>now + threshold</c>, or later when refreshes are pulled forward).
    /// </summary>
    public static DateTimeOffset FreshUntil(string appId, DateTimeOffset dueBy, TimeSpan spread) =>
        dueBy + OffsetOf(appId, spread);

    /// <summary>
    /// When the refresh of a token of <paramref name="appId"/> expiring at <paramref name="expiresAt"/> comes due, less
    /// the threshold: it is due at a sweep of time <c>now</c> once this is before <c>now + threshold</c> (the same test as
    /// <see cref="FreshUntil(string, DateTimeOffset, TimeSpan, TimeSpan)"/>). Null when the expiry is unknown (due at once).
    /// </summary>
    public static DateTimeOffset? DueAt(string appId, DateTimeOffset? expiresAt, TimeSpan spread) =>
        expiresAt - OffsetOf(appId, spread);
}
