using System.ComponentModel.DataAnnotations;

namespace WeChatDomains.Azure.Faults;

/// <summary>
/// Vault faults injected into secret writes (section <c>VaultFaults</c>): for drills and tests only, off unless
/// <see cref="Rate"/> is above 0. Each write (set or delete) draws once: with probability <see cref="Rate"/> it meets one
/// fault, drawn evenly from a 429 throttling answer and a 503 before the write reaches the vault, and a 500 or a reset
/// connection after the vault applied it. Reads are not faulted.
/// </summary>
public sealed class VaultFaultOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "VaultFaults";

    /// <summary>Probability that a write meets a fault, 0 (default: none) to 0.5.</summary>
    [Range(0.0, 0.5)]
    public double Rate { get; set; }

    /// <summary>Seed of the draws, so that a drill can be repeated.</summary>
    public int Seed { get; set; } = 1;
}
