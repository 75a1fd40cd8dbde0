using Azure.Core;
using Azure.Core.Pipeline;
using WeChatDomains.Core.Diagnostics;

namespace WeChatDomains.Azure.Operations;

/// <summary>
/// A per-call pipeline policy (one count per operation, however many retries the SDK makes) that hands each Table or
/// Queue request to <see cref="StorageOperationCounter"/> with the ambient <see cref="StorageStep"/>. Queue operations
/// count under <see cref="StorageSteps.Queue"/>; operations outside every step under <see cref="StorageSteps.Other"/>.
/// </summary>
public sealed class StorageOperationPolicy(StorageOperationCounter counter, bool queue) : HttpPipelinePolicy
{
    /// <inheritdoc />
    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        ProcessNext(message, pipeline);
    }

    /// <inheritdoc />
    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Count(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Count(HttpMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var operation = queue ? StorageOperationClassifier.Queue(message.Request) : StorageOperationClassifier.Table(message.Request);
        var step = operation.Kind.IsQueue() ? StorageSteps.Queue : StorageStep.Current ?? StorageSteps.Other;
        counter.Add(step, operation);
    }
}
