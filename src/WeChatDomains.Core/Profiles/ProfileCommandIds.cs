using System.Globalization;

namespace WeChatDomains.Core.Profiles;

/// <summary>
/// Deterministic commandIds of a profile's commands, derived from profile, version, appid and api: the same profile
/// version applied to the same authorizer is one command per api, whoever asks (onboarding, a rollout, a replayed push or a
/// redelivered message), so it is applied at most once. Drift fixes add the scan's day, since the same version may drift
/// and be fixed again later.
/// </summary>
public static class ProfileCommandIds
{
    /// <summary>Prefix of every profile command's id.</summary>
    public const string Prefix = "profile";

    /// <summary>The id of <paramref name="api"/>'s command for <paramref name="appId"/> under a profile version.</summary>
    public static string For(string profile, int version, string appId, string api, string? round = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{Prefix}:{profile}:v{version}:{appId}:{api}{(round is null ? "" : ":" + round)}");

    /// <summary>The <c>requestedBy</c> of a profile's commands.</summary>
    public static string RequestedBy(string profile, string purpose) => $"{Prefix}:{profile}:{purpose}";
}
