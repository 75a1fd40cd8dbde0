using Microsoft.AspNetCore.Http.Features;

namespace WeChatDomains.Host.Api;

/// <summary>
/// Reads a request body up to a size cap; null when it is larger (the caller answers 413). A body too large is still
/// read to its end (and dropped) up to <see cref="DrainFactor"/> times the cap: answering before the client has sent it
/// all makes the server close a connection the client is still writing to, and the client then sees a reset instead of
/// the 413 (the end-to-end corpus test met this under load about one run in four).
/// </summary>
public static class RequestBodyReader
{
    /// <summary>How many times the cap a body too large is read and dropped before the 413; larger ones are not read.</summary>
    public const int DrainFactor = 16;

    /// <summary>The body, or null when it exceeds <paramref name="maxBytes"/>.</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var drainBytes = (long)maxBytes * DrainFactor;

        // Kestrel's own limit (the Host sets it to the cap) would refuse the drain: it is raised for this request.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = drainBytes;
        }

        if (request.ContentLength > maxBytes)
        {
            if (request.ContentLength <= drainBytes)
            {
                await DrainAsync(request.Body, drainBytes, cancellationToken);
            }

            return null;
        }

        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes)
                {
                    await DrainAsync(request.Body, drainBytes - buffer.Length - read, cancellationToken);
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return null;
        }
    }

    private static async Task DrainAsync(Stream body, long maxBytes, CancellationToken cancellationToken)
    {
        var chunk = new byte[16 * 1024];
        var drained = 0L;
        int read;
        while (drained < maxBytes && (read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            drained += read;
        }
    }
}
