using System.Text;
using System.Text.RegularExpressions;
using Azure.Core;

namespace WeChatDomains.Azure.Operations;

/// <summary>One storage request as the counter sees it: its table (or queue), partition and kind.</summary>
public readonly record struct StorageOperation(string Table, string Partition, StorageOperationKind Kind);

/// <summary>
/// Classifies a Table or Queue request from its method, path, query and (for inserts and transactions) body, for the
/// path-style URIs of Azurite (<c>/{account}/{table}</c>) and the host-style URIs of Azure (<c>/{table}</c>) alike.
/// </summary>
public static partial class StorageOperationClassifier
{
    /// <summary>Classifies a request of the Table service.</summary>
    public static StorageOperation Table(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Uri.Path;
        var last = Uri.UnescapeDataString(path[(path.LastIndexOf('/') + 1)..]);
        var paren = last.IndexOf('(', StringComparison.Ordinal);
        var table = paren < 0 ? last : last[..paren];
        var method = request.Method;
        if (table == "$batch")
        {
            var body = BodyOf(request);
            return new(TableOf(body) ?? table, PartitionOf(body), StorageOperationKind.Batch);
        }

        if (table.Equals("Tables", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(table))
        {
            return new(table, StorageOperationConstants.NoPartition, StorageOperationKind.Other);
        }

        var keyed = paren >= 0 && last.Contains("PartitionKey", StringComparison.Ordinal);
        var partition = keyed ? PartitionOf(last) : StorageOperationConstants.NoPartition;
        if (method == RequestMethod.Get)
        {
            return keyed
                ? new(table, partition, StorageOperationKind.PointRead)
                : new(table, PartitionOf(Uri.UnescapeDataString(request.Uri.Query)), StorageOperationKind.Query);
        }

        if (method == RequestMethod.Post)
        {
            return new(table, PartitionOf(BodyOf(request)), StorageOperationKind.Insert);
        }

        var kind = method.Method switch
        {
            "PUT" => StorageOperationKind.Update,
            "MERGE" or "PATCH" => StorageOperationKind.Merge,
            "DELETE" => StorageOperationKind.Delete,
            _ => StorageOperationKind.Other,
        };
        return new(table, partition, kind);
    }

    /// <summary>Classifies a request of the Queue service (the partition is the queue).</summary>
    public static StorageOperation Queue(Request request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var segments = request.Uri.Path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var messages = Array.IndexOf(segments, "messages");
        if (messages < 1)
        {
            return new(segments.Length > 0 ? segments[^1] : string.Empty, StorageOperationConstants.NoPartition, StorageOperationKind.Other);
        }

        var queue = segments[messages - 1];
        var one = segments.Length > messages + 1;
        var kind = request.Method.Method switch
        {
            "POST" => StorageOperationKind.QueueSend,
            "GET" when request.Uri.Query.Contains("peekonly=true", StringComparison.OrdinalIgnoreCase) => StorageOperationKind.QueuePeek,
            "GET" => StorageOperationKind.QueueReceive,
            "DELETE" when one => StorageOperationKind.QueueDelete,
            "PUT" when one => StorageOperationKind.QueueUpdate,
            _ => StorageOperationKind.Other,
        };
        return new(queue, queue, kind);
    }

    private static string BodyOf(Request request)
    {
        if (request.Content is null)
        {
            return string.Empty;
        }

        using var stream = new MemoryStream();
        request.Content.WriteTo(stream, CancellationToken.None);
        return Uri.UnescapeDataString(Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length));
    }

    private static string PartitionOf(string text)
    {
        var match = PartitionPattern().Match(text);
        return match.Success ? match.Groups["pk"].Value.Replace("''", "'", StringComparison.Ordinal) : StorageOperationConstants.NoPartition;
    }

    private static string? TableOf(string batchBody)
    {
        var match = BatchTablePattern().Match(batchBody);
        return match.Success ? match.Groups["table"].Value : null;
    }

    [GeneratedRegex("""PartitionKey(?:\s*=\s*'|\s+eq\s+'|"\s*:\s*")(?<pk>(?:[^'"]|'')*)""", RegexOptions.CultureInvariant)]
    private static partial Regex PartitionPattern();

    [GeneratedRegex("""(?:POST|PUT|MERGE|PATCH|DELETE|GET) \S*/(?<table>[A-Za-z][A-Za-z0-9]*)(?:\(|\s|\?)""", RegexOptions.CultureInvariant)]
    private static partial Regex BatchTablePattern();
}
