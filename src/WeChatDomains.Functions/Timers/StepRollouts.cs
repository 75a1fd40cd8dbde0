using Microsoft.Azure.Functions.Worker;
using WeChatDomains.Core.Profiles.Rollouts;

namespace WeChatDomains.Functions.Timers;

/// <summary>
/// Steps every Running rollout (Core's <see cref="RolloutDriver"/>). A timer rather than queue-driven steps: a step is
/// level-triggered, reads its progress from storage and writes it by ETag, so a missed or doubled tick costs a delay,
/// never a command applied twice (docs/functions.md).
/// </summary>
public sealed class StepRollouts(RolloutDriver driver)
{
    /// <summary>The timer trigger.</summary>
    [Function(FunctionNames.StepRollouts)]
    public Task RunAsync([TimerTrigger(FunctionsConstants.StepRolloutsSchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        driver.StepAllAsync(cancellationToken);
}
