using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Processing;

/// <summary>
/// The month's modification ledgers (DESIGN section 5): modify calls of <c>modify_domain</c> and
/// <c>modify_domain_directly</c> count against one quota per authorizer per calendar month in China Standard Time; the
/// other counted apis have ledgers of their own (<see cref="QuotaLedgerKey"/>).
/// </summary>
public sealed class QuotaLedgerService(IAuthorizerRegistry registry, ProcessingOptions options)
{
    private const int MaxConflicts = 10;

    /// <summary>Whether a call of <paramref name="api"/> with <paramref name="action"/> counts against the quota.</summary>
    public static bool IsCounted(string api, string? action) =>
        api is WeChatApi.ModifyDomain or WeChatApi.ModifyDomainDirectly && action is not DomainAction.Get;

    /// <summary>Whether the month of <paramref name="now"/> has no modification left for <paramref name="appId"/>.</summary>
    public Task<bool> IsExhaustedAsync(string appId, DateTimeOffset now, CancellationToken cancellationToken) =>
        IsExhaustedAsync(new QuotaLedgerKey(appId, null), now, cancellationToken);

    /// <summary>Whether the month of <paramref name="now"/> has nothing left on the ledger <paramref name="key"/>.</summary>
    public async Task<bool> IsExhaustedAsync(QuotaLedgerKey key, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var ledger = await registry.GetLedgerAsync(key.LedgerId, ChinaTime.MonthKey(now), cancellationToken);
        return ledger.Spent || ledger.Used >= options.MonthlyModificationQuota;
    }

    /// <summary>Counts one applied modification.</summary>
    public Task RecordModificationAsync(string appId, DateTimeOffset now, CancellationToken cancellationToken) =>
        RecordModificationAsync(new QuotaLedgerKey(appId, null), now, cancellationToken);

    /// <summary>Counts one applied modification on the ledger <paramref name="key"/>.</summary>
    public Task RecordModificationAsync(QuotaLedgerKey key, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(key, now, ledger => ledger with { Used = ledger.Used + 1 }, cancellationToken);

    /// <summary>Marks the month spent on the ledger <paramref name="key"/> (WeChat answered 86102, 89030 or 9420000).</summary>
    public Task MarkSpentAsync(QuotaLedgerKey key, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(key, now, ledger => ledger with { Spent = true }, cancellationToken);

    private async Task UpdateAsync(QuotaLedgerKey key, DateTimeOffset now, Func<QuotaLedger, QuotaLedger> change, CancellationToken cancellationToken)
    {
        var appId = key.LedgerId;
        var month = ChinaTime.MonthKey(now);
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var ledger = await registry.GetLedgerAsync(appId, month, cancellationToken);
            if (await registry.TryWriteLedgerAsync(change(ledger), cancellationToken) is not null)
            {
                return;
            }
        }

        throw new InvalidOperationException($"The quota ledger of {appId} for {month} kept changing; the count was not recorded.");
    }
}
