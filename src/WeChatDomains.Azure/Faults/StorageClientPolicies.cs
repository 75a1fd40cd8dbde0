using Azure.Core;
using Azure.Core.Pipeline;
using Microsoft.Extensions.Options;

namespace WeChatDomains.Azure.Faults;

/// <summary>
/// What every Table and Queue client of this process gets beyond the SDK's defaults: the storage fault injection of the
/// drills when <see cref="StorageFaultOptions.Rate"/> is above 0 (a transport over <see cref="StorageFaultHandler"/>,
/// shared by all clients); nothing in production.
/// </summary>
public sealed class StorageClientPolicies : IDisposable
{
    private readonly HttpClientTransport? _transport;

    /// <summary>Policies from <paramref name="faults"/> (none when its rate is 0).</summary>
    public StorageClientPolicies(IOptions<StorageFaultOptions> faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        if (faults.Value.Rate > 0)
        {
            Faults = new StorageFaultHandler(faults.Value, new SocketsHttpHandler());
            _transport = new HttpClientTransport(new HttpClient(Faults) { Timeout = Timeout.InfiniteTimeSpan });
        }
    }

    /// <summary>The fault handler, when faults are on.</summary>
    public StorageFaultHandler? Faults { get; }

    /// <summary>Applies the policies to a client's options.</summary>
    public T ApplyTo<T>(T options)
        where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        if (_transport is not null)
        {
            options.Transport = _transport;
        }

        return options;
    }

    /// <inheritdoc />
    public void Dispose() => _transport?.Dispose();
}
