using System.Text.Json.Serialization;

namespace WeChatDomains.Sandbox.Faults;

/// <summary>
/// Body of <c>PUT /sandbox/faults</c>: faults per api wire name (or <c>*</c> for every api without its own entry),
/// and a seed that makes the draws repeatable. A PUT replaces every fault set before.
/// </summary>
public sealed class FaultSettings
{
    /// <summary>Seed of the random draws; null draws unseeded.</summary>
    public int? Seed { get; init; }

    /// <summary>Faults by api wire name (<c>modify_domain</c>, ...) or <c>*</c>; required (an empty object clears every fault).</summary>
    [JsonRequired]
    public Dictionary<string, ApiFaults> Apis { get; init; } = new(StringComparer.Ordinal);
}

/// <summary>The faults of one api. Probabilities are 0..1; they are drawn in the order drop, http5xx, errcodes, appliedThenFail.</summary>
public sealed class ApiFaults
{
    /// <summary>Errcode → probability of answering it (HTTP 200) instead of handling the call. The sum is at most 1.</summary>
    public Dictionary<int, double> Errcodes { get; init; } = [];

    /// <summary>Probability of answering HTTP 503 without handling the call.</summary>
    public double Http5xx { get; init; }

    /// <summary>Delay before the call is handled, in milliseconds.</summary>
    public int LatencyMs { get; init; }

    /// <summary>Probability of aborting the connection without handling the call.</summary>
    public double Drop { get; init; }

    /// <summary>Probability of handling the call (state changes) and then failing: half dropped connections, half -1.</summary>
    public double AppliedThenFail { get; init; }
}
