using System.Text.Json;

namespace WeChatDomains.Sandbox.Wire;

/// <summary>Reads a WeChat JSON body: 44002 when empty, 47001 when malformed, of the wrong types or too large.</summary>
internal static class RequestBody
{
    public static async Task<(T? Body, int Errcode)> ReadAsync<T>(HttpRequest request)
        where T : class
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
        {
            if (buffer.Length + read > SandboxConstants.MaxBodyBytes)
            {
                return (null, WeChatErrors.DataFormatError);
            }

            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        if (bytes.Span.Trim(" \t\r\n"u8).IsEmpty)
        {
            return (null, WeChatErrors.EmptyPostData);
        }

        try
        {
            var body = JsonSerializer.Deserialize<T>(bytes.Span);
            return body is null ? (null, WeChatErrors.DataFormatError) : (body, 0);
        }
        catch (JsonException)
        {
            return (null, WeChatErrors.DataFormatError);
        }
    }
}
