using System.Diagnostics.Metrics;

namespace WeChatDomains.Core.Tokens;

/// <summary>
/// Token metrics on the <c>WeChatDomains.Tokens</c> meter: refreshes by outcome and kind, and the seconds left until
/// the nearest known token expiry (as last seen by a sweep or a refresh).
/// </summary>
public sealed class TokenMetrics
{
    /// <summary>The meter name.</summary>
    public const string MeterName = "WeChatDomains.Tokens";

    /// <summary>Counter of refresh attempts, tagged <c>outcome</c> and <c>kind</c> (component, authorizer).</summary>
    public const string RefreshesInstrument = "wechatdomains.tokens.refreshes";

    /// <summary>Gauge of seconds until the nearest token expiry.</summary>
    public const string NearestExpiryInstrument = "wechatdomains.tokens.nearest_expiry";

    private readonly Counter<long> _refreshes;
    private readonly TimeProvider _time;
    private long _nearestExpiryTicks = long.MinValue;

    /// <summary>Creates the instruments on a meter from <paramref name="meterFactory"/>.</summary>
    public TokenMetrics(IMeterFactory meterFactory, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        var meter = meterFactory.Create(MeterName);
        _refreshes = meter.CreateCounter<long>(RefreshesInstrument, "{refresh}", "Token refresh attempts by outcome.");
        meter.CreateObservableGauge(NearestExpiryInstrument, ObserveNearestExpiry, "s", "Seconds until the nearest token expiry.");
    }

    /// <summary>Counts one refresh attempt.</summary>
    public void RecordRefresh(TokenKey key, RefreshStatus status) =>
        _refreshes.Add(1,
            new KeyValuePair<string, object?>("outcome", status.ToString()),
            new KeyValuePair<string, object?>("kind", key.IsComponent ? "component" : "authorizer"));

    /// <summary>Sets the nearest token expiry the gauge reports (null clears it).</summary>
    public void SetNearestExpiry(DateTimeOffset? expiresAt) =>
        Interlocked.Exchange(ref _nearestExpiryTicks, expiresAt?.UtcTicks ?? long.MinValue);

    private IEnumerable<Measurement<double>> ObserveNearestExpiry()
    {
        var ticks = Interlocked.Read(ref _nearestExpiryTicks);
        if (ticks == long.MinValue)
        {
            return [];
        }

        var left = new DateTimeOffset(ticks, TimeSpan.Zero) - _time.GetUtcNow();
        return [new Measurement<double>(left.TotalSeconds)];
    }
}
