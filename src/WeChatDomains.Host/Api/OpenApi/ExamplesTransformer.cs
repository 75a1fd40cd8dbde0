using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace WeChatDomains.Host.Api.OpenApi;

/// <summary>Puts <see cref="ApiExamples"/> on the request body and responses of each operation, by operation id.</summary>
internal sealed class ExamplesTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is not { } id || !ApiExamples.ByOperation.TryGetValue(id, out var examples))
        {
            return Task.CompletedTask;
        }

        foreach (var (key, example) in examples)
        {
            var content = key == ApiExamples.Request
                ? operation.RequestBody?.Content
                : operation.Responses is { } responses && responses.TryGetValue(key, out var response) ? response.Content : null;
            foreach (var media in content?.Values ?? [])
            {
                media.Example = example.DeepClone();
            }
        }

        return Task.CompletedTask;
    }
}
