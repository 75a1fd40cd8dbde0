using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Azure.Vault;

/// <summary>
/// <see cref="IVaultWriteBudget"/> on Table Storage, shared by every instance: one-second buckets, each allowing
/// <see cref="TokenOptions.VaultWritesPerWindow"/> / (window in seconds) writes, so that any 10 s span (which touches at
/// most 11 buckets) stays under Key Vault's 300 writes with the default 250. The buckets are a ring of rows in the
/// <c>leases</c> table (PK <c>vault-write-budget</c>, RK the second modulo the ring), each claim an ETag-conditional
/// increment; a row holding an older second is reset by the first claim of its new second.
/// </summary>
public sealed class TableVaultWriteBudget(TableStorageTables tables, IOptions<TokenOptions> options, TimeProvider time) : IVaultWriteBudget
{
    internal const string Partition = "vault-write-budget";
    internal const string SecondProperty = "Second";
    internal const string CountProperty = "Count";
    private const int RingSize = 60;
    private const int ConflictAttempts = 20;

    /// <summary>Writes one bucket allows.</summary>
    public int PerSecond { get; } = Math.Max(1, (int)(options.Value.VaultWritesPerWindow / Math.Max(1, options.Value.VaultWriteWindow.TotalSeconds)));

    /// <inheritdoc />
    public async Task<bool> TryClaimAsync(CancellationToken cancellationToken = default)
    {
        await tables.EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var second = time.GetUtcNow().ToUnixTimeSeconds();
        var rowKey = (second % RingSize).ToString("D2", System.Globalization.CultureInfo.InvariantCulture);
        for (var attempt = 0; attempt < ConflictAttempts; attempt++)
        {
            var row = await tables.Leases.GetOrNullAsync(Partition, rowKey, cancellationToken).ConfigureAwait(false);
            var count = row is not null && row.GetInt64(SecondProperty) == second ? row.GetInt32(CountProperty) ?? 0 : 0;
            if (count >= PerSecond)
            {
                return false;
            }

            var next = new TableEntity(Partition, rowKey) { [SecondProperty] = second, [CountProperty] = count + 1 };
            try
            {
                if (row is null)
                {
                    await tables.Leases.AddEntityAsync(next, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await tables.Leases.UpdateEntityAsync(next, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }

                return true;
            }
            catch (RequestFailedException ex) when (ex.Status == TableResults.Conflict || ex.IsStale())
            {
            }
        }

        return false;
    }
}
