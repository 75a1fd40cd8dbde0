using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Moq;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.Host.Api;

namespace WeChatDomains.Host.Tests.Api;

public sealed class CommandEndpointTests : IDisposable
{
    private readonly HostFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Submit_ValidCommand_EnqueuesThen202WithStatusUrl()
    {
        _factory.Reader.Setup(r => r.Read(It.IsAny<ReadOnlyMemory<byte>>())).Returns(ApiTestData.Valid("cmd-1"));
        _factory.Store.Setup(s => s.TryInsertAsync(It.IsAny<CommandRecord>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((CommandRecord r, CancellationToken _) => r with { ETag = "e1" });
        using var client = CreateClient();

        var response = await client.PostAsync(new Uri("/api/commands", UriKind.Relative), ApiTestData.Json(ApiTestData.CommandJson("cmd-1")));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("/api/commands/cmd-1", response.Headers.Location?.OriginalString);
        _factory.Sender.Verify(s => s.EnqueueAsync("cmd-1", ApiTestData.AppId, It.IsAny<ReadOnlyMemory<byte>>(), null, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task Submit_EnqueueFails_Is503ProblemDetails()
    {
        _factory.Reader.Setup(r => r.Read(It.IsAny<ReadOnlyMemory<byte>>())).Returns(ApiTestData.Valid("cmd-2"));
        _factory.Store.Setup(s => s.TryInsertAsync(It.IsAny<CommandRecord>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((CommandRecord r, CancellationToken _) => r with { ETag = "e1" });
        _factory.Sender.Setup(s => s.EnqueueAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<DateTimeOffset?>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new InvalidOperationException("queue down"));
        using var client = CreateClient();

        var response = await client.PostAsync(new Uri("/api/commands", UriKind.Relative), ApiTestData.Json(ApiTestData.CommandJson("cmd-2")));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Submit_InvalidCommand_Is400ProblemDetailsListingEveryReason()
    {
        _factory.Reader.Setup(r => r.Read(It.IsAny<ReadOnlyMemory<byte>>()))
            .Returns(ApiTestData.Invalid(new("body.action", "unknown action"), new("body.requestdomain[0]", "must be https://")));
        using var client = CreateClient();

        var response = await client.PostAsync(new Uri("/api/commands", UriKind.Relative), ApiTestData.Json("{}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, problem.GetProperty("status").GetInt32());
        Assert.Equal(["body.action", "body.requestdomain[0]"], problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()));
        _factory.Sender.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task Submit_OversizeBody_Is413ProblemDetails()
    {
        using var client = CreateClient();
        var json = "{\"x\":\"" + new string('a', HostConstants.MaxCommandBodyBytes) + "\"}";

        var response = await client.PostAsync(new Uri("/api/commands", UriKind.Relative), ApiTestData.Json(json));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        _factory.Reader.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetCommand_Unknown_Is404ProblemDetails()
    {
        using var client = CreateClient();

        var response = await client.GetAsync(new Uri("/api/commands/nope", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("No such command.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task GetCommand_Known_IsTheCommandWithItsAttempts()
    {
        _factory.Store.Setup(s => s.GetAsync("cmd-3", It.IsAny<CancellationToken>())).ReturnsAsync(ApiTestData.Record("cmd-3", CommandState.Succeeded));
        _factory.Store.Setup(s => s.GetAttemptsAsync("cmd-3", It.IsAny<CancellationToken>())).ReturnsAsync([]);
        using var client = CreateClient();

        var command = await client.GetFromJsonAsync<JsonElement>(new Uri("/api/commands/cmd-3", UriKind.Relative));

        Assert.Equal("Succeeded", command.GetProperty("state").GetString());
        Assert.Equal(0, command.GetProperty("attemptHistory").GetArrayLength());
    }

    [Fact]
    public async Task ListCommands_NoFilter_Is400ProblemDetails()
    {
        using var client = CreateClient();

        var response = await client.GetAsync(new Uri("/api/commands", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task UnknownRoute_Is404ProblemDetails()
    {
        using var client = CreateClient();

        var response = await client.GetAsync(new Uri("/api/nothing-here", UriKind.Relative));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    private HttpClient CreateClient()
    {
        var client = _factory.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyFilter.HeaderName, HostFactory.Key);
        return client;
    }
}
