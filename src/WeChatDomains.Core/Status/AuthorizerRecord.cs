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

    /// <summary>Server domains WeChat used at the last get (JSON of <c>effective_domain</c>); written by gets only.</summary>
    public string? ServerDomains { get; init; }

    /// <summary>Business (web-view) domains WeChat used at the last get (JSON of <c>effective_webviewdomain</c>); written by gets only.</summary>
    public string? WebviewDomains { get; init; }

    /// <summary>Last known <c>third</c> server lists (modify_domain's), from a get or a successful modify_domain (JSON).</summary>
    public string? ThirdServerDomains { get; init; }

    /// <summary>Last known <c>third</c> business domains (setwebviewdomain's) (JSON).</summary>
    public string? ThirdWebviewDomains { get; init; }

    /// <summary>Last known <c>direct</c> server lists (modify_domain_directly's) (JSON).</summary>
    public string? DirectServerDomains { get; init; }

    /// <summary>Last known <c>direct</c> business domains (setwebviewdomain_directly's) (JSON).</summary>
    public string? DirectWebviewDomains { get; init; }

    /// <summary>Last known <c>mp</c> server lists: the Mini Program's own, set in WeChat's console; only a get reads them (JSON).</summary>
    public string? MpServerDomains { get; init; }

    /// <summary>Last known <c>mp</c> business domains, set in WeChat's console (JSON).</summary>
    public string? MpWebviewDomains { get; init; }

    /// <summary>When the last known domains were observed.</summary>
    public DateTimeOffset? DomainsObservedAt { get; init; }

    /// <summary>Concurrency token of the stored version.</summary>
    public string? ETag { get; init; }
}

/// <summary>
/// Domain lists to write on an authorizer's entry (JSON each; a null one is left as it is), named as on
/// <see cref="AuthorizerRecord"/>: a get writes every source and the effective view, a modification only its source.
/// </summary>
public sealed record DomainsPatch
{
    /// <summary><see cref="AuthorizerRecord.ServerDomains"/>.</summary>
    public string? ServerDomains { get; init; }

    /// <summary><see cref="AuthorizerRecord.WebviewDomains"/>.</summary>
    public string? WebviewDomains { get; init; }

    /// <summary><see cref="AuthorizerRecord.ThirdServerDomains"/>.</summary>
    public string? ThirdServerDomains { get; init; }

    /// <summary><see cref="AuthorizerRecord.ThirdWebviewDomains"/>.</summary>
    public string? ThirdWebviewDomains { get; init; }

    /// <summary><see cref="AuthorizerRecord.DirectServerDomains"/>.</summary>
    public string? DirectServerDomains { get; init; }

    /// <summary><see cref="AuthorizerRecord.DirectWebviewDomains"/>.</summary>
    public string? DirectWebviewDomains { get; init; }

    /// <summary><see cref="AuthorizerRecord.MpServerDomains"/>.</summary>
    public string? MpServerDomains { get; init; }

    /// <summary><see cref="AuthorizerRecord.MpWebviewDomains"/>.</summary>
    public string? MpWebviewDomains { get; init; }

    /// <summary>Whether it writes nothing.</summary>
    public bool IsEmpty => ServerDomains is null && WebviewDomains is null && ThirdServerDomains is null && ThirdWebviewDomains is null &&
        DirectServerDomains is null && DirectWebviewDomains is null && MpServerDomains is null && MpWebviewDomains is null;

    /// <summary><paramref name="record"/> with this patch written over it.</summary>
    public AuthorizerRecord ApplyTo(AuthorizerRecord record, DateTimeOffset observedAt)
    {
        ArgumentNullException.ThrowIfNull(record);
        return record with
        {
            ServerDomains = ServerDomains ?? record.ServerDomains,
            WebviewDomains = WebviewDomains ?? record.WebviewDomains,
            ThirdServerDomains = ThirdServerDomains ?? record.ThirdServerDomains,
            ThirdWebviewDomains = ThirdWebviewDomains ?? record.ThirdWebviewDomains,
            DirectServerDomains = DirectServerDomains ?? record.DirectServerDomains,
            DirectWebviewDomains = DirectWebviewDomains ?? record.DirectWebviewDomains,
            MpServerDomains = MpServerDomains ?? record.MpServerDomains,
            MpWebviewDomains = MpWebviewDomains ?? record.MpWebviewDomains,
            DomainsObservedAt = observedAt,
        };
    }

    /// <summary>Each non-null list with its <see cref="AuthorizerRecord"/> property name.</summary>
    public IEnumerable<(string Name, string Json)> Lists()
    {
        (string Name, string? Json)[] all =
        [
            (nameof(ServerDomains), ServerDomains), (nameof(WebviewDomains), WebviewDomains),
            (nameof(ThirdServerDomains), ThirdServerDomains), (nameof(ThirdWebviewDomains), ThirdWebviewDomains),
            (nameof(DirectServerDomains), DirectServerDomains), (nameof(DirectWebviewDomains), DirectWebviewDomains),
            (nameof(MpServerDomains), MpServerDomains), (nameof(MpWebviewDomains), MpWebviewDomains),
        ];
        return all.Where(l => l.Json is not null).Select(l => (l.Name, l.Json!));
    }
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
