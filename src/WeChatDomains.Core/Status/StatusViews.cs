namespace WeChatDomains.Core.Status;

/// <summary>One command with every attempt, as the status API shows it.</summary>
public sealed record CommandDetails(CommandRecord Command, IReadOnlyList<AttemptRecord> Attempts);

/// <summary>An authorizer as the status API shows it: registry entry, quota used this month, token expiry.</summary>
public sealed record AuthorizerView(AuthorizerRecord Authorizer, string Month, int ModificationsThisMonth, int MonthlyQuota, bool MonthSpent);

/// <summary>Health of the platform for dashboards and probes.</summary>
public sealed record HealthView(
    DateTimeOffset Now,
    TimeSpan? TicketAge,
    DateTimeOffset? ComponentTokenExpiresAt,
    DateTimeOffset? NearestAuthorizerTokenExpiry,
    long ActiveAuthorizers,
    long AuthorizersNeedingReauthorization,
    int DeferredCommands,
    int FailedCommands,
    bool Healthy,
    IReadOnlyList<string> Problems);
