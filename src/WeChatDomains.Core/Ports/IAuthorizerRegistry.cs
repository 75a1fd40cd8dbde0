using WeChatDomains.Core.Status;

namespace WeChatDomains.Core.Ports;

/// <summary>The authorizer registry and the monthly quota ledger. Conditional writes, like <see cref="ICommandStore"/>.</summary>
public interface IAuthorizerRegistry
{
    /// <summary>The entry of <paramref name="appId"/>, or null.</summary>
    Task<AuthorizerRecord?> GetAsync(string appId, CancellationToken cancellationToken = default);

    /// <summary>Inserts or replaces; with an ETag, only if it still matches. Returns the stored entry, or null on a stale ETag.</summary>
    Task<AuthorizerRecord?> TryUpsertAsync(AuthorizerRecord record, CancellationToken cancellationToken = default);

    /// <summary>Every authorizer in <paramref name="state"/>, paged.</summary>
    Task<Page<AuthorizerRecord>> ListAsync(AuthorizerState state, int pageSize, string? continuation, CancellationToken cancellationToken = default);

    /// <summary>The ledger of one month (<c>yyyy-MM</c>, CST), a zero one (without ETag) when none is stored.</summary>
    Task<QuotaLedger> GetLedgerAsync(string appId, string month, CancellationToken cancellationToken = default);

    /// <summary>Stores the ledger if its ETag still matches (insert when it has none); null on a conflict.</summary>
    Task<QuotaLedger?> TryWriteLedgerAsync(QuotaLedger ledger, CancellationToken cancellationToken = default);
}
