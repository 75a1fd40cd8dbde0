using Microsoft.AspNetCore.Http;

namespace WeChatDomains.Functions.Http;

/// <summary>Reads what the handlers need from an <see cref="HttpRequest"/>, without trusting its size.</summary>
internal static class HttpRequests
{
    /// <summary>
    /// Reads the body, stopping after <paramref name="maxBytes"/> + 1 bytes: the handler sees that it is too large and
    /// answers 413 without the whole body ever being buffered.
    /// </summary>
    public static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        var limit = maxBytes + 1;
        var buffer = new byte[Math.Min(limit, 16 * 1024)];
        var length = 0;
        while (length < limit)
        {
            if (length == buffer.Length)
            {
                Array.Resize(ref buffer, Math.Min(limit, buffer.Length * 2));
            }

            var read = await request.Body.ReadAsync(buffer.AsMemory(length, buffer.Length - length), cancellationToken);
            if (read == 0)
            {
                break;
            }

            length += read;
        }

        return buffer.AsMemory(0, length);
    }

    /// <summary>The query string as a case-insensitive dictionary (the first value of a repeated key).</summary>
    public static IReadOnlyDictionary<string, string?> Query(HttpRequest request)
    {
        var query = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, values) in request.Query)
        {
            query[key] = values.Count > 0 ? values[0] : null;
        }

        return query;
    }
}
