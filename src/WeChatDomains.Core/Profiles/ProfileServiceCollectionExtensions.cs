using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WeChatDomains.Core.Profiles;

/// <summary>Registration of domain profiles; the hosts add an <see cref="IProfileStore"/> adapter.</summary>
public static class ProfileServiceCollectionExtensions
{
    /// <summary>Adds the planner, assignments and the profile handlers, with <see cref="ProfileOptions"/> bound from <c>Profiles</c> and validated at start-up.</summary>
    public static IServiceCollection AddWeChatDomainsProfiles(this IServiceCollection services)
    {
        services.AddOptions<ProfileOptions>().BindConfiguration(ProfileConstants.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<ProfileAssignments>();
        services.TryAddSingleton<FleetPlanner>();
        services.TryAddSingleton<ProfileHandlers>();
        services.TryAddSingleton<ProfileApplier>();
        services.TryAddSingleton<ProfileOnboarding>();
        services.TryAddSingleton<Rollouts.RolloutDriver>();
        services.TryAddSingleton<Rollouts.RolloutService>();
        services.TryAddSingleton<Drift.DriftService>();
        services.TryAddSingleton<Push.IAuthorizationHook>(sp =>
            sp.GetService<Ports.ICommandSender>() is null ? NoSender.Instance : sp.GetRequiredService<ProfileOnboarding>());
        return services;
    }

    /// <summary>A host without a command sender (a test composition, a tool) onboards nothing by itself.</summary>
    private sealed class NoSender : Push.IAuthorizationHook
    {
        public static readonly NoSender Instance = new();

        public Task OnAuthorizedAsync(string authorizerAppId, string infoType, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
