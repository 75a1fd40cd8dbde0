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
    /// <summary>The progress of <paramref name="items"/>.</summary>
    public static RolloutProgress Of(IReadOnlyCollection<RolloutItem> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        int Count(RolloutItemState s) => items.Count(i => i.State == s);
        var counts = new RolloutCounts(
            Count(RolloutItemState.Pending), Count(RolloutItemState.Running), Count(RolloutItemState.Succeeded),
            Count(RolloutItemState.Failed), Count(RolloutItemState.Deferred), Count(RolloutItemState.Unchanged));
        var failures = items.Where(i => i.State == RolloutItemState.Failed)
            .GroupBy(i => (i.ErrorCode ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        return new RolloutProgress(counts, failures);
    }

    /// <summary>Whether <paramref name="other"/> says the same (the record's own equality compares the dictionary by reference).</summary>
    public bool SameAs(RolloutProgress? other) =>
        other is not null && Counts == other.Counts && FailuresByErrcode.Count == other.FailuresByErrcode.Count
        && FailuresByErrcode.All(f => other.FailuresByErrcode.TryGetValue(f.Key, out var n) && n == f.Value);
}

/// <summary>The answer of <c>GET /api/rollouts/{id}</c>.</summary>
public sealed record RolloutDto(
    string RolloutId, string Profile, int Version, RolloutState State, int Wave, int Waves, int Authorizers, RolloutCounts Counts,
    IReadOnlyDictionary<string, int> FailuresByErrcode, string? Reason, bool PlatformDone, RolloutRequest Request);
