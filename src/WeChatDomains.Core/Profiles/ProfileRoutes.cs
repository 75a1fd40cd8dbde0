namespace WeChatDomains.Core.Profiles;

/// <summary>The profile routes of the HTTP API (DESIGN section 10), under <c>/api</c>, shared by both hosts.</summary>
public static class ProfileRoutes
{
    /// <summary>GET: every profile.</summary>
    public const string Profiles = "profiles";

    /// <summary>PUT: a new version. GET: the current version.</summary>
    public const string Profile = "profiles/{name}";

    /// <summary>GET: the plan of a profile over its fleet.</summary>
    public const string Plan = "profiles/{name}/plan";

    /// <summary>POST: start a rollout of a profile.</summary>
    public const string Rollouts = "profiles/{name}/rollouts";

    /// <summary>GET: every rollout.</summary>
    public const string AllRollouts = "rollouts";

    /// <summary>GET: a rollout's progress.</summary>
    public const string Rollout = "rollouts/{id}";

    /// <summary>POST: pause, resume or abort a rollout.</summary>
    public const string RolloutControl = "rollouts/{id}/{verb}";

    /// <summary>POST: scan for drift now (202).</summary>
    public const string DriftScan = "drift/scan";

    /// <summary>GET: every authorizer whose last read domains differ from its profile.</summary>
    public const string Drift = "drift";

    /// <summary>PUT: assign a profile to an authorizer.</summary>
    public const string Assignment = "authorizers/{appid}/profile";
}
