namespace WeChatDomains.Sandbox.Faults;

/// <summary>What happens to one call, decided before it is handled.</summary>
internal readonly record struct FaultPlan(
    TimeSpan Latency, bool Drop, bool Http5xx, int? Errcode, bool AppliedThenFail, bool FailByDrop)
{
    public static readonly FaultPlan None = new(TimeSpan.Zero, false, false, null, false, false);
}
