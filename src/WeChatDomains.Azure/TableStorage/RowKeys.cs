using Azure.Data.Tables;

namespace WeChatDomains.Azure.TableStorage;

/// <summary>
/// Row keys that differ between partitions. A row kind that has one row per partition (an authorizer's record, a
/// command's record, its attempt 1, an authorizer's lane of an api, a lease) ends its RowKey with its partition key
/// (<c>authorizer|{appid}</c>, <c>attempt|0001|{commandId}</c>): Table Storage does not need it, but Azurite finds a row
/// by its RowKey first and then filters by PartitionKey, so a RowKey shared by N partitions made every point read and
/// every write of that kind cost O(N) there (100 point reads of 50,000 records: 609 ms with a shared RowKey, 26 ms
/// without; the 100,000-authorizer fleet's seeding and plan ran for hours on it). Within a partition the suffix is
/// the same for every row, so rows sort as before and prefix ranges (<c>attempt|</c>) still hold.
/// </summary>
internal static class RowKeys
{
    /// <summary>The RowKey of the <paramref name="kind"/> row (<c>authorizer</c>, <c>ledger|2026-12</c>, ...) of <paramref name="partitionKey"/>.</summary>
    public static string Of(string kind, string partitionKey) => kind + "|" + partitionKey;

    /// <summary>True when <paramref name="row"/> has the layout before <see cref="Of"/> (its RowKey does not end with its partition).</summary>
    public static bool IsLegacy(TableEntity row) => !row.RowKey.EndsWith("|" + row.PartitionKey, StringComparison.Ordinal);

    /// <summary>The filter of the rows whose RowKey starts with <paramref name="prefix"/>.</summary>
    public static string StartingWith(string prefix) =>
        TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {prefix[..^1] + (char)(prefix[^1] + 1)}");
}
