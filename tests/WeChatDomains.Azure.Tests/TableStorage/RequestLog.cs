using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Testing;

namespace WeChatDomains.Azure.Tests.TableStorage;

/// <summary>Every request the Table Storage clients send, as <c>METHOD table</c>, so tests can count round trips.</summary>
internal sealed class RequestLog : HttpPipelinePolicy
{
    private readonly ConcurrentQueue<string> _requests = new();

    /// <summary>Tables like <see cref="TestTables.Create"/>, whose requests <paramref name="log"/> records.</summary>
    public static TableStorageTables Tables(AzuriteFixture azurite, string prefix, out RequestLog log)
    {
        log = new RequestLog();
        var options = new TableClientOptions();
        options.AddPolicy(log, HttpPipelinePosition.PerCall);
        return new TableStorageTables(new TableServiceClient(azurite.ConnectionString, options), prefix);
    }

    /// <summary>The requests since the last <see cref="Clear"/>, in order.</summary>
    public IReadOnlyList<string> Requests => [.. _requests];

    /// <summary>Forgets the requests so far.</summary>
    public void Clear() => _requests.Clear();

    public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        ProcessNext(message, pipeline);
    }

    public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
    {
        Record(message);
        return ProcessNextAsync(message, pipeline);
    }

    private void Record(HttpMessage message)
    {
        var path = message.Request.Uri.Path;
        var table = path[(path.LastIndexOf('/') + 1)..];
        var paren = table.IndexOf('(', StringComparison.Ordinal);
        _requests.Enqueue($"{message.Request.Method} {(paren < 0 ? table : table[..paren])}");
    }
}
