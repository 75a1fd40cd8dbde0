using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace WeChatDomains.Azure.TableStorage;

/// <summary>
/// The conditional-write outcomes the adapters treat as answers, not faults: 404 (gone), 409 (already there),
/// 412 (changed since read). The SDK's own retry handles the rest; nothing here retries again.
/// </summary>
internal static class TableResults
{
    public const int NotFound = 404;
    public const int Conflict = 409;
    public const int PreconditionFailed = 412;

    /// <summary>True for 404 and 412: the row is not the version the caller read.</summary>
    public static bool IsStale(this RequestFailedException exception) =>
        exception.Status is NotFound or PreconditionFailed;

    /// <summary>Reads one row, or null when it does not exist.</summary>
    public static async Task<TableEntity?> GetOrNullAsync(this TableClient table, string partitionKey, string rowKey, CancellationToken cancellationToken)
    {
        var response = await table.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return response.HasValue ? response.Value : null;
    }

    /// <summary>
    /// After a conditional write of <paramref name="sent"/> failed with 404, 409 or 412: the row's ETag when the row now
    /// holds exactly <paramref name="sent"/>'s properties, else null. The SDK retries a write whose answer was lost (a
    /// reset or a timeout after storage applied it), and the retry then meets the write itself; this tells the two apart.
    /// A row whose content another writer could also write needs a property unique to each write (a write id).
    /// </summary>
    public static async Task<string?> ETagIfWrittenAsync(this TableClient table, TableEntity sent, CancellationToken cancellationToken)
    {
        var stored = await table.GetOrNullAsync(sent.PartitionKey, sent.RowKey, cancellationToken).ConfigureAwait(false);
        return stored is not null && SameProperties(sent, stored) ? stored.ETag.ToString() : null;
    }

    private static bool SameProperties(TableEntity sent, TableEntity stored)
    {
        var names = sent.Keys.Where(IsUserProperty).ToList();
        return names.Count == stored.Keys.Count(IsUserProperty)
            && names.TrueForAll(name => stored.TryGetValue(name, out var value) && SameValue(sent[name], value));
    }

    private static bool IsUserProperty(string name) => name is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag");

    private static bool SameValue(object? sent, object? stored) => (sent, stored) switch
    {
        (DateTimeOffset a, DateTimeOffset b) => a == b,
        (DateTime a, DateTimeOffset b) => new DateTimeOffset(DateTime.SpecifyKind(a, DateTimeKind.Utc)) == b,
        (int or long, int or long) => Convert.ToInt64(sent, CultureInfo.InvariantCulture) == Convert.ToInt64(stored, CultureInfo.InvariantCulture),
        (double a, int or long or double) => a == Convert.ToDouble(stored, CultureInfo.InvariantCulture),
        (byte[] a, BinaryData b) => a.AsSpan().SequenceEqual(b.ToMemory().Span),
        (byte[] a, byte[] b) => a.AsSpan().SequenceEqual(b),
        _ => Equals(sent, stored),
    };

    /// <summary>Deletes a row if it still has <paramref name="etag"/>; a missing or changed row is left alone.</summary>
    public static async Task DeleteIfUnchangedAsync(this TableClient table, string partitionKey, string rowKey, ETag etag, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, etag, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException exception) when (exception.IsStale())
        {
        }
    }

    /// <summary>The ETag the service returned for a write, as the string the records carry.</summary>
    public static string ETagOf(Response response) =>
        response.Headers.ETag?.ToString() ?? throw new InvalidOperationException("The table service returned no ETag for a write.");
}
