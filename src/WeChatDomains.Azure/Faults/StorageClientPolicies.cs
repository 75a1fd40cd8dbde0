using Azure.Core;
using Microsoft.Extensions.Options;

namespace WeChatDomains.Azure.Faults;

/// <summary>
/// The extra pipeline policies every Table and Queue client of this process gets (the storage fault injection of the
/// drills when <see cref="StorageFaultOptions.Rate"/> is above 0; none in production).
/// </summary>
public sealed class StorageClientPolicies
{
    /// <summary>Policies from <paramref name="faults"/> (none when its rate is 0).</summary>
    public StorageClientPolicies(IOptions<StorageFaultOptions> faults)
    {
        ArgumentNullException.ThrowIfNull(faults);
        Faults = faults.Value.Rate > 0 ? new StorageFaultPolicy(faults.Value) : null;
    }

    /// <summary>The fault policy, when faults are on.</summary>
    public StorageFaultPolicy? Faults { get; }

    /// <summary>Adds the policies to a client's options (per retry: every SDK retry meets them again).</summary>
    public T ApplyTo<T>(T options)
        where T : ClientOptions
    {
        ArgumentNullException.ThrowIfNull(options);
        if (Faults is not null)
        {
            options.AddPolicy(Faults, HttpPipelinePosition.PerRetry);
        }

        return options;
    }
}
