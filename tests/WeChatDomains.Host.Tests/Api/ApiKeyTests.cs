using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WeChatDomains.Host.Api;

namespace WeChatDomains.Host.Tests.Api;

public sealed class ApiKeyTests : IDisposable
{
    private readonly HostFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Health_WithoutKey_Is401ProblemDetails()
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync(new Uri("/api/health", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(401, problem.GetProperty("status").GetInt32());
        Assert.Equal("An API key is required.", problem.GetProperty("title").GetString());
    }

    [Fact]
    public async Task Health_WithKeyHeader_Is200()
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Add(ApiKeyFilter.HeaderName, HostFactory.Key);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var health = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(health.TryGetProperty("deferredCommands", out _));
    }

    [Fact]
    public async Task Health_WithCodeQuery_Is200()
    {
        using var client = _factory.CreateClient();

        var response = await client.GetAsync(new Uri($"/api/health?code={HostFactory.Key}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("test-ke")]
    [InlineData("test-key2")]
    [InlineData("TEST-KEY")]
    public async Task Health_WithWrongKey_Is401(string key)
    {
        using var client = _factory.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Add(ApiKeyFilter.HeaderName, key);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Development_NoKeyConfigured_KeyIsLocalDevKey()
    {
        using var factory = new HostFactory { ApiKey = null };
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri("/api/health?code=local-dev-key", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(factory.Services.GetRequiredService<IOptions<ApiKeyOptions>>().Value.IsDevelopmentDefault);
    }

    [Fact]
    public void Production_NoKeyConfigured_StartUpFails()
    {
        using var factory = new HostFactory { ApiKey = null, Environment = "Production" };

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("Api:Key", Flatten(exception), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Production_KeyConfigured_Starts()
    {
        using var factory = new HostFactory { Environment = "Production" };
        using var client = factory.CreateClient();

        var response = await client.GetAsync(new Uri($"/api/health?code={HostFactory.Key}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static string Flatten(Exception exception) =>
        exception is AggregateException aggregate
            ? string.Join(" | ", aggregate.InnerExceptions.Select(Flatten))
            : exception.Message + (exception.InnerException is null ? string.Empty : " | " + Flatten(exception.InnerException));
}
