using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Profiles;
using WeChatDomains.Core.Profiles.Rollouts;

namespace WeChatDomains.Core.Tests.Profiles;

/// <summary>A rollout driver over doubles of its stores, and the direct-mode profile its tests roll out.</summary>
internal static class RolloutDrivers
{
    /// <summary>Profile <c>p</c> v2 in direct mode with no lists: its rollouts' items carry their own commands.</summary>
    public static DomainProfile EmptyDirectProfile(DateTimeOffset at) =>
        new("p", 2, ProfileMode.Direct, null, new Dictionary<string, IReadOnlyList<string>>(), [], true, false, at);

    /// <summary>A mock profile store that holds <see cref="EmptyDirectProfile"/>.</summary>
    public static Mock<IProfileStore> ProfilesHolding(DateTimeOffset at)
    {
        var profiles = new Mock<IProfileStore>();
        profiles.Setup(p => p.GetVersionAsync("p", 2, It.IsAny<CancellationToken>())).ReturnsAsync(EmptyDirectProfile(at));
        return profiles;
    }

    /// <summary>The driver as the hosts wire it, at <paramref name="concurrency"/> items at once.</summary>
    public static RolloutDriver Create(
        IRolloutStore store, IProfileStore profiles, ICommandStore commands, TimeProvider time, int concurrency, IAuthorizerRegistry? registry = null)
    {
        registry ??= Mock.Of<IAuthorizerRegistry>();
        var options = Options.Create(new ProfileOptions { RolloutConcurrency = concurrency });
        var planner = new FleetPlanner(profiles, registry, new ProcessingOptions(), options, time);
        var applier = new ProfileApplier(new CommandSubmission(Mock.Of<ICommandReader>(), commands, time), Mock.Of<ICommandSender>(), NullLogger<ProfileApplier>.Instance);
        return new RolloutDriver(store, profiles, commands, planner, applier, registry, options, time);
    }
}
