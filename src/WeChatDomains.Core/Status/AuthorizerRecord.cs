namespace WeChatDomains.Core.Status;

/// <summary>Standing of an authorizer with the platform.</summary>
public enum AuthorizerState
{
    /// <summary>Authorized; tokens are refreshed.</summary>
    Active,

    /// <summary>WeChat refused its refresh token or the authorization; an operator must have it authorize again.</summary>
    NeedsReauthorization,

    /// <summary>It withdrew the authorization (unauthorized push); its secrets are deleted.</summary>
    Revoked,
}

/// <summary>The registry's entry of one authorizer (DESIGN section 3).</summary>
public sealed record AuthorizerRecord
{
    /// <summary>The authorizer appid.</summary>
    public required string AppId { get; init; }

    /// <summary>Its standing.</summary>
    public required AuthorizerState State { get; init; }

    /// <summary>When its current access token expires.</summary>
    public DateTimeOffset? AccessTokenExpiresAt { get; init; }

    /// <summary>When a refresh was last tried.</summary>
    public DateTimeOffset? LastRefreshAt { get; init; }

    /// <summary>errcode of the last refresh (0 on success; -1 transport).</summary>
    public int? LastRefreshErrorCode { get; init; }

    /// <summary>Why the last refresh failed, in words.</summary>
    public string? LastRefreshError { get; init; }

    /// <summary>When it authorized the platform (last authorized / updateauthorized push).</summary>
    public DateTimeOffset? AuthorizedAt { get; init; }

    /// <summary>
    /// CreateTime of the last authorization event applied (<c>authorized</c>, <c>updateauthorized</c> or <c>unauthorized</c>):
    /// an event older than this changes nothing.
    /// </summary>
    public DateTimeOffset? LastAuthorizationEventAt { get; init; }

    /// <summary>Permission set ids granted (func_info).</summary>
    public IReadOnlyList<int> PermissionSetIds { get; init; } = [];

    /// <summary>Last known server domains (JSON of the effective view or the last successful modify's lists).</summary>
    public string? ServerDomains { get; init; }

    /// <summary>Last known business (web-view) domains (JSON).</summary>
    public string? WebviewDomains { get; init; }

    /// <summary>When the last known domains were observed.</summary>
    public DateTimeOffset? DomainsObservedAt { get; init; }

    /// <summary>Concurrency token of the stored version.</summary>
    public string? ETag { get; init; }
}

/// <summary>An authorizer's modification count for one calendar month in China Standard Time (DESIGN section 5).</summary>
public sealed record QuotaLedger
{
    /// <summary>The authorizer appid.</summary>
    public required string AppId { get; init; }

    /// <summary>The month, as <c>yyyy-MM</c> in China Standard Time.</summary>
    public required string Month { get; init; }

    /// <summary>Quota-counted modifications applied this month.</summary>
    public int Used { get; init; }

    /// <summary>True once WeChat said the month is spent (86102/89030), whatever <see cref="Used"/> says.</summary>
    public bool Spent { get; init; }

    /// <summary>Concurrency token of the stored version.</summary>
    public string? ETag { get; init; }
}
