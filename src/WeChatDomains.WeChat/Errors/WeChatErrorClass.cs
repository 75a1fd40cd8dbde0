namespace WeChatDomains.WeChat.Errors;

/// <summary>
/// What a WeChat outcome means for the caller (DESIGN section 4). Each class has exactly one owner:
/// the client's resilience pipeline owns <see cref="Transient"/>, the token provider <see cref="TokenInvalid"/>,
/// the scheduler the deferral classes.
/// </summary>
public enum WeChatErrorClass
{
    /// <summary>errcode 0: record the result and complete.</summary>
    Success,

    /// <summary>The requested state already holds (89019, 89022 on delete, 85017 when a get shows every domain present).</summary>
    NoChange,

    /// <summary>-1, HTTP 5xx, timeouts and connection errors: retried in process, then by a delayed re-run.</summary>
    Transient,

    /// <summary>40001, 40014, 42001: the token is refreshed and the call replayed once.</summary>
    TokenInvalid,

    /// <summary>61005, 61006: the component_verify_ticket is missing or stale; deferred until the next push.</summary>
    TicketInvalid,

    /// <summary>45011: too many calls this minute; deferred to the next minute.</summary>
    RateLimited,

    /// <summary>45009: the daily call quota is spent; deferred to 00:00 China Standard Time.</summary>
    DailyQuota,

    /// <summary>86102, 89030: the month's 50 modifications are spent; deferred to the 1st of next month.</summary>
    MonthlyQuota,

    /// <summary>The platform or Mini Program is not configured for the request; an operator must act.</summary>
    Configuration,

    /// <summary>The request itself is wrong; retrying cannot help.</summary>
    InvalidRequest,

    /// <summary>The authorizer withdrew or lost the authorization; it needs re-authorization.</summary>
    AuthorizationLost,

    /// <summary>A code not in the catalog: a few transient attempts, then Failed.</summary>
    Unknown,
}
