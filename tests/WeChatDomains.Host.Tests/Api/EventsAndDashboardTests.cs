using System.Net;
using System.Text;
using Moq;
using WeChatDomains.Core.Api;

namespace WeChatDomains.Host.Tests.Api;

public sealed class EventsAndDashboardTests : IDisposable
{
    private readonly HostFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Events_WithoutKey_ReachTheReceiverWithRawQueryAndBody()
    {
        string? query = null;
        byte[]? body = null;
        _factory.Push.Setup(p => p.ReceiveAsync(It.IsAny<string>(), It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<CancellationToken>()))
            .Callback((string q, ReadOnlyMemory<byte> b, CancellationToken _) => (query, body) = (q, b.ToArray()))
            .ReturnsAsync(new ApiResult(200, "success"));
        using var client = _factory.CreateClient();

        var response = await client.PostAsync(
            new Uri("/api/wechat/events?timestamp=1&nonce=2&msg_signature=abc", UriKind.Relative),
            new StringContent("<xml><Encrypt>x</Encrypt></xml>", Encoding.UTF8, "text/xml"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("success", await response.Content.ReadAsStringAsync());
        Assert.Equal("?timestamp=1&nonce=2&msg_signature=abc", query);
        Assert.Equal("<xml><Encrypt>x</Encrypt></xml>", Encoding.UTF8.GetString(body!));
    }

    [Fact]
    public async Task Events_OversizeBody_Is413ProblemDetails()
    {
        using var client = _factory.CreateClient();

        var response = await client.PostAsync(
            new Uri("/api/wechat/events", UriKind.Relative),
            new StringContent(new string('x', ApiRoutes.MaxEventBodyBytes + 1), Encoding.UTF8, "text/xml"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        _factory.Push.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Events_NoContentType_StillReachTheReceiver()
    {
        _factory.Push.Setup(p => p.ReceiveAsync(It.IsAny<string>(), It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new ApiResult(200, "success"));
        using var client = _factory.CreateClient();
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes("<xml/>"));

        var response = await client.PostAsync(new Uri("/api/wechat/events", UriKind.Relative), content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Events_OversizeChunkedBody_Is413ProblemDetails()
    {
        using var client = _factory.CreateClient();
        using var content = new StreamContent(new MemoryStream(new byte[ApiRoutes.MaxEventBodyBytes + 1]));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/wechat/events") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        _factory.Push.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Root_ServesTheDashboard()
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync(new Uri("/", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<title>WeChatDomains</title>", html, StringComparison.Ordinal);
        Assert.Contains("dashboard.js", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashboardScript_IsServedAndSendsTheKeyHeader()
    {
        using var client = _factory.CreateClient();

        var script = await client.GetStringAsync(new Uri("/dashboard.js", UriKind.Relative));

        Assert.Contains("x-functions-key", script, StringComparison.Ordinal);
        Assert.Contains("sessionStorage", script, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OpenApi_DocumentListsTheApiRoutes()
    {
        using var client = _factory.CreateClient();

        var document = await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));

        Assert.Contains("\"/api/commands\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/commands/{commandId}\"", document, StringComparison.Ordinal);
        Assert.Contains("\"/api/wechat/events\"", document, StringComparison.Ordinal);
    }
}
