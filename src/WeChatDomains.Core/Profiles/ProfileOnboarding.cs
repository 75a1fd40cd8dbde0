using Microsoft.Extensions.Logging;
using WeChatDomains.Core.Push;
using WeChatDomains.WeChat.Push;

namespace WeChatDomains.Core.Profiles;

/// <summary>
/// Onboarding by itself (DESIGN section 10): an <c>authorized</c> push enqueues the authorizer's profile commands, one
/// <c>set</c> per api holding the profile's whole lists, with commandIds derived from profile, version, appid and api,
/// so a replayed push, or a redelivered message, applies them once. <c>updateauthorized</c> changes nothing here.
/// </summary>
public sealed class ProfileOnboarding(ProfileAssignments assignments, ProfileApplier applier, ILogger<ProfileOnboarding> logger) : IAuthorizationHook
{
    /// <summary>The <c>requestedBy</c> purpose of onboarding commands.</summary>
    public const string Purpose = "onboarding";

    /// <inheritdoc />
    public async Task OnAuthorizedAsync(string authorizerAppId, string infoType, CancellationToken cancellationToken)
    {
        if (infoType != PushInfoTypes.Authorized || await assignments.ResolveAsync(authorizerAppId, cancellationToken) is not { } resolved)
        {
            return;
        }

        var plan = ProfilePlanner.Plan(resolved.Profile, ObservedDomains.Empty);
        var applied = await applier.ApplyAsync(resolved.Profile, authorizerAppId, plan.Commands, Purpose, cancellationToken: cancellationToken);
        var enqueued = applied.Count(a => a.State == AppliedState.Enqueued);
        Log.Onboarded(logger, authorizerAppId, resolved.Profile.Name, resolved.Profile.Version, enqueued);
    }
}
