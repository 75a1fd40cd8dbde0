using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Processing;

/// <summary>
/// The month's modification ledger per authorizer (DESIGN section 5): modify calls of <c>modify_domain</c> and
/// <c>modify_domain_directly</c> count against one quota per calendar month in China Standard Time.
/// </summary>
public sealed class QuotaLedgerService(IAuthorizerRegistry registry, ProcessingOptions options)
{
    private const int MaxConflicts = 10;

    /// <summary>Whether a call of <paramref name="api"/> with <paramref name="action"/> counts against the quota.</summary>
    public static bool IsCounted(string api, string? action) =>
        api is WeChatApi.ModifyDomain or WeChatApi.ModifyDomainDirectly && action is not DomainAction.Get;

    /// <summary>Whether the month of <paramref name="now"/> has no modification left for <paramref name="appId"/>.</summary>
    public async Task<bool> IsExhaustedAsync(string appId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var ledger = await registry.GetLedgerAsync(appId, ChinaTime.MonthKey(now), cancellationToken);
        return ledger.Spent || ledger.Used >= options.MonthlyModificationQuota;
    }

    /// <summary>Counts one applied modification.</summary>
    public Task RecordModificationAsync(string appId, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(appId, now, ledger => ledger with { Used = ledger.Used + 1 }, cancellationToken);

    /// <summary>Marks the month spent (WeChat answered 86102/89030).</summary>
    public Task MarkSpentAsync(string appId, DateTimeOffset now, CancellationToken cancellationToken) =>
        UpdateAsync(appId, now, ledger => ledger with { Spent = true }, cancellationToken);

    private async Task UpdateAsync(string appId, DateTimeOffset now, Func<QuotaLedger, QuotaLedger> change, CancellationToken cancellationToken)
    {
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
