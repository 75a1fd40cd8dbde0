namespace WeChatDomains.Drills.Tests;

/// <summary>
/// The drills run one after another: each starts its own Azurite, sandbox and Host, and they would otherwise compete for
/// the machine's cores and distort each other's timing.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class DrillCollection
{
    public const string Name = "Drills";

    /// <summary>How long any drill may take before it fails (it polls conditions; it never sleeps).</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);
}
