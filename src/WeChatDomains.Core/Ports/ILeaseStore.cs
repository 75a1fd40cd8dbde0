namespace WeChatDomains.Core.Ports;

/// <summary>A held lease; disposing it releases the lease.</summary>
public interface ILease : IAsyncDisposable
{
    /// <summary>The leased name.</summary>
    string Name { get; }

    /// <summary>When the lease lapses unless renewed.</summary>
    DateTimeOffset ExpiresAt { get; }

    /// <summary>Extends the lease; false when it was lost (another holder took it after it lapsed).</summary>
    Task<bool> RenewAsync(CancellationToken cancellationToken = default);
}

/// <summary>
/// Named leases across instances (one token refresher per key, one sweep or release run at a time), held in Azure
/// Storage in production and in tests against Azurite.
/// </summary>
public interface ILeaseStore
{
    /// <summary>Takes the lease for <paramref name="duration"/> if nobody holds it; null when it is held.</summary>
    Task<ILease?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default);
}
