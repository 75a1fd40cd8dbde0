using System.Text;
using System.Text.Json;

namespace WeChatDomains.Sandbox.Tests.Support;

/// <summary>Raw WeChat calls over HTTP: JSON bodies with WeChat's snake_case names, the token in the query.</summary>
public static class WeChatHttp
{
    public static Task<WeChatAnswer> PostWeChatAsync(this HttpClient client, string path, string? token, object body, string tokenQuery = "access_token") =>
        client.PostRawAsync(path, token, JsonSerializer.Serialize(body), tokenQuery);

    public static async Task<WeChatAnswer> PostRawAsync(this HttpClient client, string path, string? token, string body, string tokenQuery = "access_token")
    {
        var uri = token is null ? path.TrimStart('/') : $"{path.TrimStart('/')}?{tokenQuery}={Uri.EscapeDataString(token)}";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(uri, content);
        var text = await response.Content.ReadAsStringAsync();
        Assert.StartsWith("application/json", response.Content.Headers.ContentType?.MediaType ?? string.Empty, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(text);
        return new WeChatAnswer(response.StatusCode, document.RootElement.Clone());
    }
}
