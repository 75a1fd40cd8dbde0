using Azure.Data.Tables;

namespace WeChatDomains.Azure.TableStorage;

/// <summary>
/// A one-time move of a table's rows to a newer layout, marked done by a row of its own in <see cref="Partition"/>, so
/// later starts cost one point read. The marker is written last: a move cut short runs again at the next start.
/// </summary>
internal static class LayoutMarker
{
    /// <summary>PartitionKey of the marker rows; no appid, commandId, lease name or index partition has this form.</summary>
    public const string Partition = "~layout";

    /// <summary>Runs <paramref name="move"/> unless the marker <paramref name="markerRowKey"/> is there, then writes it; returns what it moved.</summary>
    public static async Task<int> OnceAsync(TableClient table, string markerRowKey, Func<Task<int>> move, CancellationToken cancellationToken)
    {
        if (await table.GetOrNullAsync(Partition, markerRowKey, cancellationToken).ConfigureAwait(false) is not null)
        {
            return 0;
        }

        var moved = await move().ConfigureAwait(false);
        await table.UpsertEntityAsync(new TableEntity(Partition, markerRowKey), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
        return moved;
    }
}
