namespace WeChatDomains.Azure.Vault;

/// <summary>Defaults of the vault adapters.</summary>
public static class VaultConstants
{
    /// <summary>Attempts of one Key Vault operation that meets 429 before it gives up: 20.</summary>
    public const int MaxThrottledAttempts = 20;

    /// <summary>First pause after a 429 without Retry-After: 1 second, doubling.</summary>
    public static readonly TimeSpan ThrottleInitialDelay = TimeSpan.FromSeconds(1);

    /// <summary>Longest pause after a 429 (also caps Retry-After): 60 seconds.</summary>
    public static readonly TimeSpan ThrottleMaxDelay = TimeSpan.FromSeconds(60);

    /// <summary>Retries the Key Vault SDK makes for transport faults and 5xx (it owns those): 3.</summary>
    public const int SdkMaxRetries = 3;

    /// <summary>The Data Protection purpose of the file vault; changing it makes existing files unreadable.</summary>
    public const string FileVaultPurpose = "WeChatDomains.FileVault.v1";

    /// <summary>Extension of a file vault secret.</summary>
    public const string FileVaultExtension = ".secret";
}
