namespace WeChatDomains.Core.Tokens;

/// <summary>Thread-safe counts of one sweep, turned into a <see cref="TokenSweepResult"/> at the end.</summary>
internal sealed class SweepTally
{
    private readonly Lock _gate = new();
    private readonly Dictionary<int, int> _failed = [];
    private readonly List<string> _needsReauthorization = [];
    private readonly List<string> _missingRefreshToken = [];
    private int _refreshed;
    private int _skipped;
    private int _deferred;
    private bool _ticketMissing;
    private int? _ticketErrorCode;
    private DateTimeOffset? _nearestExpiry;

    /// <summary>True once a ticket problem stopped the sweep.</summary>
    public bool Stopped { get { lock (_gate) { return _ticketErrorCode is not null; } } }

    public void Refreshed(DateTimeOffset? expiresAt) => Update(() => _refreshed++, expiresAt);

    public void Skipped(DateTimeOffset? expiresAt) => Update(() => _skipped++, expiresAt);

    /// <summary>Authorizers the sweep did not read (not due), and the soonest expiry among all.</summary>
    public void NotDue(long count, DateTimeOffset? soonestExpiry) => Update(() => _skipped += (int)Math.Min(count, int.MaxValue - _skipped), soonestExpiry);

    public void Deferred(DateTimeOffset? expiresAt) => Update(() => _deferred++, expiresAt);

    public void Failed(int errorCode, DateTimeOffset? expiresAt) =>
        Update(() => _failed[errorCode] = _failed.GetValueOrDefault(errorCode) + 1, expiresAt);

    public void NeedsReauthorization(string appId, int errorCode) => Update(() =>
    {
        _needsReauthorization.Add(appId);
        _failed[errorCode] = _failed.GetValueOrDefault(errorCode) + 1;
    }, null);

    public void MissingRefreshToken(string appId, int errorCode) => Update(() =>
    {
        _missingRefreshToken.Add(appId);
        _failed[errorCode] = _failed.GetValueOrDefault(errorCode) + 1;
    }, null);

    public void TicketProblem(int errorCode, bool missing, DateTimeOffset? expiresAt) => Update(() =>
    {
        _ticketErrorCode ??= errorCode;
        _ticketMissing |= missing;
        _deferred++;
    }, expiresAt);

    public TokenSweepResult ToResult()
    {
        lock (_gate)
        {
            return new TokenSweepResult
            {
                Ran = true,
                Refreshed = _refreshed,
                Skipped = _skipped,
                Deferred = _deferred,
                FailedByErrorCode = new Dictionary<int, int>(_failed),
                NeedsReauthorization = [.. _needsReauthorization],
                MissingRefreshToken = [.. _missingRefreshToken],
                TicketMissing = _ticketMissing,
                TicketErrorCode = _ticketErrorCode,
                NearestExpiry = _nearestExpiry,
            };
        }
    }

    private void Update(Action change, DateTimeOffset? expiresAt)
    {
        lock (_gate)
        {
            change();
            if (expiresAt is { } e && (_nearestExpiry is null || e < _nearestExpiry))
            {
                _nearestExpiry = e;
            }
        }
    }
}
