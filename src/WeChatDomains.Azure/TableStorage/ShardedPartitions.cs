using System.Text;
using Azure.Data.Tables;

namespace WeChatDomains.Azure.TableStorage;

/// <summary>
/// Rows of one index spread over several partitions (a hot partition serves about 2,000 entities/s): the shard of a
/// row comes from a stable hash of its key (<see cref="Shard"/>), and a reader queries every shard in parallel and
/// merges the answers by RowKey, which sorts the same way in every partition, so the merge is in the order one
/// partition would have given.
/// </summary>
internal static class ShardedPartitions
{
    /// <summary>Most rows the service returns in one page.</summary>
    public const int MaxPageSize = 1000;

    /// <summary>
    /// The shard of <paramref name="key"/> among <paramref name="shards"/>: FNV-1a (32 bits) of its UTF-8 bytes, its high
    /// half folded into the low one (the low bits of FNV-1a depend only on the low bits of each byte), modulo
    /// <paramref name="shards"/>. Stable across processes and versions, unlike <see cref="string.GetHashCode()"/>, which
    /// is seeded per process.
    /// </summary>
    public static int Shard(string key, int shards)
    {
        var hash = 2_166_136_261u;
        foreach (var b in Encoding.UTF8.GetBytes(key))
        {
            hash = unchecked((hash ^ b) * 16_777_619u);
        }

        return (int)((hash ^ (hash >> 16)) % (uint)shards);
    }

    /// <summary>
    /// The first <paramref name="count"/> rows matching any of <paramref name="filters"/> (one per shard), in RowKey order
    /// across them, and whether more match. The filters are queried in parallel for up to <paramref name="count"/> + 1
    /// rows each.
    /// </summary>
    public static async Task<(IReadOnlyList<TableEntity> Rows, bool More)> ReadMergedAsync(
        this TableClient table, IEnumerable<string> filters, int count, CancellationToken cancellationToken)
    {
        var shards = await Task.WhenAll(filters.Select(filter => table.ReadUpToAsync(filter, count + 1, null, cancellationToken))).ConfigureAwait(false);
        var merged = Merge(shards);
        return merged.Count > count ? (merged[..count], true) : (merged, false);
    }

    /// <summary>Every row matching any of <paramref name="filters"/> (one per shard, queried in parallel), shard after shard.</summary>
    public static async Task<List<TableEntity>> ReadAllAsync(
        this TableClient table, IEnumerable<string> filters, IReadOnlyList<string>? select, CancellationToken cancellationToken)
    {
        var shards = await Task.WhenAll(filters.Select(filter => table.ReadUpToAsync(filter, int.MaxValue, select, cancellationToken))).ConfigureAwait(false);
        return [.. shards.SelectMany(rows => rows)];
    }

    private static List<TableEntity> Merge(List<TableEntity>[] shards) =>
        [.. shards.SelectMany(rows => rows).OrderBy(row => row.RowKey, StringComparer.Ordinal)];

    /// <summary>The first <paramref name="max"/> rows matching <paramref name="filter"/>, following the service's pages.</summary>
    private static async Task<List<TableEntity>> ReadUpToAsync(
        this TableClient table, string filter, int max, IReadOnlyList<string>? select, CancellationToken cancellationToken)
    {
        var found = new List<TableEntity>(Math.Min(max, MaxPageSize));
        await foreach (var row in table.QueryAsync<TableEntity>(filter, Math.Min(max, MaxPageSize), select, cancellationToken).ConfigureAwait(false))
        {
            found.Add(row);
            if (found.Count == max)
            {
                break;
            }
        }

        return found;
    }
}
