namespace WeChatDomains.Core.Ports;

/// <summary>
/// The vault's write budget shared by every instance (Key Vault allows 300 secret writes per 10 s per vault, however
/// many Function instances write): one claim per write, granted in one-second buckets held in storage.
/// </summary>
public interface IVaultWriteBudget
{
    /// <summary>Claims one write in the current bucket; false when the bucket is spent.</summary>
    Task<bool> TryClaimAsync(CancellationToken cancellationToken = default);
}
