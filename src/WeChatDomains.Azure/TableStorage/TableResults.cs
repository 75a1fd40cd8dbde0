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
