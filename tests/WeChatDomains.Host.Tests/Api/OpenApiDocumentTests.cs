using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace WeChatDomains.Host.Tests.Api;

/// <summary>The OpenAPI document covers every route the Host maps, each with its schemas and examples (issue 17).</summary>
public sealed class OpenApiDocumentTests : IDisposable
{
    private const string DocumentRoute = "/openapi/{documentName}.json";
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];
    private readonly HostFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Document_Operations_EqualTheRoutesTheHostMaps()
    {
        var document = await DocumentAsync();

        var mapped = _factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText != DocumentRoute)
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"]).Select(m => $"{m.ToUpperInvariant()} {Normalize(e.RoutePattern.RawText)}"))
            .Order(StringComparer.Ordinal).ToList();
        var documented = Operations(document).Select(o => $"{o.Method.ToUpperInvariant()} {o.Path}").Order(StringComparer.Ordinal).ToList();

        Assert.True(mapped.Count >= 6, $"only {mapped.Count} routes mapped: {string.Join(", ", mapped)}");
        Assert.True(
            mapped.SequenceEqual(documented),
            $"mapped but not documented: [{string.Join(", ", mapped.Except(documented))}]; documented but not mapped: [{string.Join(", ", documented.Except(mapped))}]");
    }

    [Fact]
    public async Task Document_EveryOperation_ResponsesHaveSchemasAndExamples()
    {
        var document = await DocumentAsync();
        var missing = new List<string>();

        foreach (var (path, method, operation) in Operations(document))
        {
            foreach (var response in operation.GetProperty("responses").EnumerateObject())
            {
                if (!response.Value.TryGetProperty("content", out var content))
                {
                    missing.Add($"{method} {path} {response.Name}: no content");
                    continue;
                }

                foreach (var media in content.EnumerateObject())
                {
                    if (!media.Value.TryGetProperty("schema", out _))
                    {
                        missing.Add($"{method} {path} {response.Name} {media.Name}: no schema");
                    }

                    if (!media.Value.TryGetProperty("example", out _))
                    {
                        missing.Add($"{method} {path} {response.Name} {media.Name}: no example");
                    }
                }
            }

            if (method == "post" && !BodylessPosts.Contains(path) && !HasSchemaAndExample(operation))
            {
                missing.Add($"{method} {path}: request body without schema and example");
            }
        }

        Assert.True(missing.Count == 0, $"{missing.Count} gap(s):{Environment.NewLine}{string.Join(Environment.NewLine, missing)}");
    }

    [Fact]
    public async Task Document_SubmitCommand_RequestSchemaIsTheCommandContract()
    {
        var document = await DocumentAsync();

        var schema = document.RootElement.GetProperty("components").GetProperty("schemas").GetProperty("CommandRequestSchema").GetProperty("properties");
        var example = document.RootElement.GetProperty("paths").GetProperty("/api/commands").GetProperty("post")
            .GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("example");

        Assert.Equal(["api", "authorizerAppId", "body", "commandId", "requestedBy"], schema.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.Equal("modify_domain", example.GetProperty("api").GetString());
        Assert.Equal("https://api.example.com", example.GetProperty("body").GetProperty("requestdomain")[0].GetString());
    }

    /// <summary>POST routes that take no body: an action on the resource the path names.</summary>
    private static readonly HashSet<string> BodylessPosts = ["/api/rollouts/{id}/{verb}", "/api/drift/scan"];

    private static bool HasSchemaAndExample(JsonElement operation) =>
        operation.TryGetProperty("requestBody", out var body) &&
        body.GetProperty("content").EnumerateObject().All(m => m.Value.TryGetProperty("schema", out _) && m.Value.TryGetProperty("example", out _));

    private static IEnumerable<(string Path, string Method, JsonElement Operation)> Operations(JsonDocument document) =>
        from path in document.RootElement.GetProperty("paths").EnumerateObject()
        from member in path.Value.EnumerateObject()
        where Methods.Contains(member.Name)
        select (path.Name, member.Name, member.Value);

    private static string Normalize(string? pattern) => "/" + (pattern ?? string.Empty).Trim('/');

    private async Task<JsonDocument> DocumentAsync()
    {
        using var client = _factory.CreateClient();
        return JsonDocument.Parse(await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
    }
}
