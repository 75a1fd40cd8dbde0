namespace WeChatDomains.Core.Profiles.Rollouts;

/// <summary>Where a rollout stands.</summary>
public enum RolloutState
{
    /// <summary>The driver moves it on.</summary>
    Running,

    /// <summary>Stopped by an operator or by a wave whose failures went over <c>maxFailureRate</c>; resume to go on.</summary>
    Paused,

    /// <summary>Every authorizer ended and every wave passed its gate.</summary>
    Succeeded,

    /// <summary>The platform tier failed: no authorizer was touched.</summary>
    Failed,

    /// <summary>Stopped for good by an operator; commands already enqueued still run.</summary>
    Aborted,
}

/// <summary>Where one authorizer of a rollout stands.</summary>
public enum RolloutItemState
{
    /// <summary>Not yet reached by a wave.</summary>
    Pending,

    /// <summary>Its commands are enqueued.</summary>
    Running,

    /// <summary>Every command succeeded.</summary>
    Succeeded,

    /// <summary>A command failed (its errcode is kept).</summary>
    Failed,

    /// <summary>Waits: for the 1st (quota reserve), or for its domains to be read, or a command is Deferred.</summary>
    Deferred,

    /// <summary>Already matched the profile: 0 calls.</summary>
    Unchanged,
}

/// <summary>What a rollout was asked to do: <c>{ "canary": 1, "waves": [10, 50, 100], "maxFailureRate": 0.1 }</c>.</summary>
public sealed record RolloutRequest(int Canary, IReadOnlyList<int> Waves, double MaxFailureRate);

/// <summary>A rollout's header row, updated by ETag.</summary>
/// <param name="RolloutId">Its id.</param>
/// <param name="Profile">The profile name.</param>
/// <param name="Version">The profile version rolled out.</param>
/// <param name="Request">Canary, waves and gate.</param>
/// <param name="State">Where it stands.</param>
/// <param name="Wave">The wave under way: 0 is the canary, 1.. the waves.</param>
/// <param name="PlatformDone">Whether the platform tier is done (always true in direct mode).</param>
/// <param name="Authorizers">How many authorizers it covers.</param>
/// <param name="Reason">Why it is Paused or Failed.</param>
/// <param name="CreatedAt">When it started.</param>
/// <param name="Progress">
/// Counts per state and failures by errcode as of the last step (each step writes them when they changed), so a status
/// read is this one row whatever the fleet's size; null in a header stored before they were kept.
/// </param>
/// <param name="ETag">Concurrency token of the stored row.</param>
public sealed record RolloutRecord(
    string RolloutId, string Profile, int Version, RolloutRequest Request, RolloutState State, int Wave, bool PlatformDone,
    int Authorizers, string? Reason, DateTimeOffset CreatedAt, RolloutProgress? Progress = null, string? ETag = null)
{
    /// <summary>How many authorizers (in rollout order) the waves up to <paramref name="wave"/> cover.</summary>
    public int CoveredBy(int wave)
    {
        if (wave == 0)
        {
            return Math.Min(Authorizers, Request.Canary);
        }

        var percent = Request.Waves[Math.Min(wave, Request.Waves.Count) - 1];
        return Math.Max(Math.Min(Authorizers, Request.Canary), (int)Math.Ceiling(Authorizers * percent / 100.0));
    }

    /// <summary>The index of the last wave.</summary>
    public int LastWave => Request.Waves.Count;
}

/// <summary>One authorizer of a rollout, in rollout order, updated by ETag.</summary>
public sealed record RolloutItem(
    int Index, string AppId, RolloutItemState State, IReadOnlyList<PlannedCommand> Commands, int ModificationsNeeded,
    IReadOnlyList<string> CommandIds, int? ErrorCode, string? Reason, string? ETag = null);

/// <summary>Progress as <c>GET /api/rollouts/{id}</c> shows it.</summary>
public sealed record RolloutCounts(int Pending, int Running, int Succeeded, int Failed, int Deferred, int Unchanged);

/// <summary>A rollout's counts per state and its failures by errcode, computed from its items.</summary>
public sealed record RolloutProgress(RolloutCounts Counts, IReadOnlyDictionary<string, int> FailuresByErrcode)
{
    /// <summary>Whether <paramref name="other"/> says the same (the record's own equality compares the dictionary by reference).</summary>
    public bool SameAs(RolloutProgress? other) =>
        other is not null && Counts == other.Counts && FailuresByErrcode.Count == other.FailuresByErrcode.Count
        && FailuresByErrcode.All(f => other.FailuresByErrcode.TryGetValue(f.Key, out var n) && n == f.Value);
}

/// <summary>The answer of <c>GET /api/rollouts/{id}</c>.</summary>
public sealed record RolloutDto(
    string RolloutId, string Profile, int Version, RolloutState State, int Wave, int Waves, int Authorizers, RolloutCounts Counts,
    IReadOnlyDictionary<string, int> FailuresByErrcode, string? Reason, bool PlatformDone, RolloutRequest Request);

/// <summary>
/// Counts a rollout's items as they stream past (a step, the creation, a status read of an old header), so nothing holds
/// them all: counts per state and failures by errcode over the whole rollout, and what the gate needs of the wave under
/// way (the items before <c>waveEnd</c>). Safe to add to from concurrent item tasks.
/// </summary>
/// <param name="waveEnd">The first index past the wave under way.</param>
public sealed class RolloutTally(int waveEnd)
{
    private readonly Lock _lock = new();
    private readonly int[] _states = new int[Enum.GetValues<RolloutItemState>().Length];
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly int[] _moves = new int[Enum.GetValues<RolloutItemState>().Length];
    private readonly Dictionary<string, int> _newFailures = new(StringComparer.Ordinal);
    private int _waveOpen;
    private int _waveAttempted;
    private int _waveFailed;

    /// <summary>Counts <paramref name="item"/> as it stands after the step.</summary>
    public void Add(RolloutItem item)
    {
        ArgumentNullException.ThrowIfNull(item);
        lock (_lock)
        {
            _states[(int)item.State]++;
            if (item.State == RolloutItemState.Failed)
            {
                var code = (item.ErrorCode ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
                _failures[code] = _failures.GetValueOrDefault(code) + 1;
            }

            if (item.Index < waveEnd)
            {
                _waveOpen += item.State is RolloutItemState.Pending or RolloutItemState.Running ? 1 : 0;
                _waveAttempted += item.State is RolloutItemState.Succeeded or RolloutItemState.Failed ? 1 : 0;
                _waveFailed += item.State == RolloutItemState.Failed ? 1 : 0;
            }
        }
    }

    /// <summary>Counts <paramref name="after"/> as it stands after the step, and its move from <paramref name="before"/>.</summary>
    public void Add(RolloutItem before, RolloutItem after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        Add(after);
        if (before.State == after.State)
        {
            return;
        }

        lock (_lock)
        {
            _moves[(int)before.State]--;
            _moves[(int)after.State]++;
            if (after.State == RolloutItemState.Failed)
            {
                var code = (after.ErrorCode ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
                _newFailures[code] = _newFailures.GetValueOrDefault(code) + 1;
            }
        }
    }

    /// <summary>
    /// The whole rollout's progress while the step is still under way: <paramref name="baseline"/> (the header's, as of
    /// the last step) moved by the changes this step has made so far.
    /// </summary>
    public RolloutProgress Moved(RolloutProgress baseline)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        lock (_lock)
        {
            var c = baseline.Counts;
            int M(RolloutItemState state) => _moves[(int)state];
            var counts = new RolloutCounts(
                c.Pending + M(RolloutItemState.Pending), c.Running + M(RolloutItemState.Running), c.Succeeded + M(RolloutItemState.Succeeded),
                c.Failed + M(RolloutItemState.Failed), c.Deferred + M(RolloutItemState.Deferred), c.Unchanged + M(RolloutItemState.Unchanged));
            var failures = new Dictionary<string, int>(baseline.FailuresByErrcode, StringComparer.Ordinal);
            foreach (var (code, n) in _newFailures)
            {
                failures[code] = failures.GetValueOrDefault(code) + n;
            }

            return new RolloutProgress(counts, failures);
        }
    }

    /// <summary>Items of the wave under way still Pending or Running.</summary>
    public int WaveOpen { get { lock (_lock) { return _waveOpen; } } }

    /// <summary>Items of the wave under way that ended Succeeded or Failed.</summary>
    public int WaveAttempted { get { lock (_lock) { return _waveAttempted; } } }

    /// <summary>Items of the wave under way that ended Failed.</summary>
    public int WaveFailed { get { lock (_lock) { return _waveFailed; } } }

    /// <summary>Items of the whole rollout that wait (Deferred).</summary>
    public int Deferred { get { lock (_lock) { return _states[(int)RolloutItemState.Deferred]; } } }

    /// <summary>The counts so far.</summary>
    public RolloutProgress Progress()
    {
        lock (_lock)
        {
            int Count(RolloutItemState state) => _states[(int)state];
            var counts = new RolloutCounts(
                Count(RolloutItemState.Pending), Count(RolloutItemState.Running), Count(RolloutItemState.Succeeded),
                Count(RolloutItemState.Failed), Count(RolloutItemState.Deferred), Count(RolloutItemState.Unchanged));
            return new RolloutProgress(counts, new Dictionary<string, int>(_failures, StringComparer.Ordinal));
        }
    }
}
