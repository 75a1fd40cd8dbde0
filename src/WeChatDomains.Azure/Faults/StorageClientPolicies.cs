using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using WeChatDomains.Azure.Operations;

namespace WeChatDomains.Azure.Faults;

/// <summary>
/// What every Table and Queue client of this process gets beyond the SDK's defaults: the storage fault injection of the
/// drills when <see cref="StorageFaultOptions.Rate"/> is above 0 (a transport over <see cref="StorageFaultHandler"/>,
/// shared by all clients), and the operation counter when <see cref="StorageOperationOptions.Count"/> is on (a per-call
/// <see cref="StorageOperationPolicy"/> on each client, all counting into one <see cref="StorageOperationCounter"/>);
/// nothing in production.
/// </summary>
public sealed class StorageClientPolicies : IDisposable
{
    private readonly HttpClientTransport? _transport;

    /// <summary>
    /// Policies from <paramref name="faults"/> (none when its rate is 0) and <paramref name="operations"/> (no counter
    /// unless it is on).
    /// </summary>
    public StorageClientPolicies(IOptions<StorageFaultOptions> faults, IOptions<StorageOperationOptions>? operations = null)
    {
        ArgumentNullException.ThrowIfNull(faults);
        if (operations?.Value.Count == true)
        {
            Counter = new StorageOperationCounter();
        }

        if (faults.Value.Rate > 0)
        {
            Faults = new StorageFaultHandler(faults.Value, new SocketsHttpHandler());
            _transport = new HttpClientTransport(new HttpClient(Faults) { Timeout = Timeout.InfiniteTimeSpan });
        }
    }

    /// <summary>The fault handler, when faults are on.</summary>
    public StorageFaultHandler? Faults { get; }

    /// <summary>The storage operation counter, when counting is on.</summary>
    public StorageOperationCounter? Counter { get; }

    /// <summary>Applies the policies to a client's options (Table or Queue).</summary>
    public T ApplyTo<T>(T options)
        where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_transport is not null)
        {
            options.Transport = _transport;
        }

        if (Counter is not null)
        {
            options.AddPolicy(new StorageOperationPolicy(Counter, queue: options is not TableClientOptions), HttpPipelinePosition.PerCall);
        }

        return options;
    }

    /// <inheritdoc />
    public void Dispose() => _transport?.Dispose();
}
