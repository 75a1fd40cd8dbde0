using WeChatDomains.Core.Status;

namespace WeChatDomains.Core.Ports;

/// <summary>The authorizer registry and the monthly quota ledger. Conditional writes, like <see cref="ICommandStore"/>.</summary>
public interface IAuthorizerRegistry
{
    /// <summary>The entry of <paramref name="appId"/>, or null.</summary>
    Task<AuthorizerRecord?> GetAsync(string appId, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces; with an ETag, only if it still matches. Returns the stored entry, or null on a stale ETag.</summary>
    Task<AuthorizerRecord?> TryUpsertAsync(AuthorizerRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sets the last known domain lists of <paramref name="patch"/> (a null list is left as it is) and when they were seen
    /// on an existing entry, in one write that reads nothing and leaves every other field alone. False when there is no
    /// entry, or when this registry cannot write part of an entry (the default): the caller then reads the entry and replaces it.
    /// </summary>
    Task<bool> TryMergeDomainsAsync(string appId, DomainsPatch patch, DateTimeOffset observedAt, CancellationToken cancellationToken = default) =>
        Task.FromResult(false);

    /// <summary>How many authorizers are in <paramref name="state"/>: exact, at a constant cost however large the fleet.</summary>
    Task<long> CountAsync(AuthorizerState state, CancellationToken cancellationToken = default);

    /// <summary>Every authorizer in <paramref name="state"/>, paged.</summary>
    Task<Page<AuthorizerRecord>> ListAsync(AuthorizerState state, int pageSize, string? continuation, CancellationToken cancellationToken = default);

    /// <summary>
    /// The Active authorizers whose token refresh is due by <paramref name="dueBy"/> (<c>RefreshSlots.DueAt</c> of their
    /// expiry before it, or no known expiry), earliest first, paged. Storage reads proportional to the page, not to the
    /// fleet. It may also return a few not yet due (the caller checks each); it never leaves out a due one.
    /// </summary>
    Task<Page<AuthorizerRecord>> ListDueAsync(DateTimeOffset dueBy, int pageSize, string? continuation, CancellationToken cancellationToken = default);

    /// <summary>
    /// The refresh due times (<c>RefreshSlots.DueAt</c>; <see cref="DateTimeOffset.MinValue"/> for no known expiry) of the
    /// Active authorizers due by <paramref name="dueBy"/>, earliest first: what the sweep plans its write budget with.
    /// Reads index keys only, no record; it may count a few entries already stale, never leaves a due one out.
    /// </summary>
    Task<IReadOnlyList<DateTimeOffset>> ListDueTimesAsync(DateTimeOffset dueBy, CancellationToken cancellationToken = default);

    /// <summary>The soonest known access-token expiry among Active authorizers (null when none): a constant number of storage operations.</summary>
    Task<DateTimeOffset?> GetSoonestExpiryAsync(CancellationToken cancellationToken = default);

    /// <summary>The ledger of one month (<c>yyyy-MM</c>, CST), a zero one (without ETag) when none is stored.</summary>
    Task<QuotaLedger> GetLedgerAsync(string appId, string month, CancellationToken cancellationToken = default);

    /// <summary>Stores the ledger if its ETag still matches (insert when it has none); null on a conflict.</summary>
    Task<QuotaLedger?> TryWriteLedgerAsync(QuotaLedger ledger, CancellationToken cancellationToken = default);
}
