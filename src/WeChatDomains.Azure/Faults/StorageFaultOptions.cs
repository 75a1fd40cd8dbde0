using System.ComponentModel.DataAnnotations;

namespace WeChatDomains.Azure.Faults;

/// <summary>
/// Storage faults injected into the Table and Queue clients (section <c>StorageFaults</c>): for drills and tests only,
/// off unless <see cref="Rate"/> is above 0. Each request draws once: with probability <see cref="Rate"/> it meets one
/// fault, half of them before the request reaches storage (503 ServerBusy, 500, a timeout, a reset connection) and half
/// after storage has applied it (the answer replaced by a 500, a timeout or a reset), so that the SDK's own retries
/// replay requests that were already applied.
/// </summary>
public sealed class StorageFaultOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "StorageFaults";

    /// <summary>Probability that a request meets a fault, 0 (default: none) to 0.5.</summary>
    [Range(0.0, 0.5)]
    public double Rate { get; set; }

    /// <summary>Seed of the draws, so that a drill can be repeated.</summary>
    public int Seed { get; set; } = 1;
}
