using Azure.Core;
using Azure.Core.Pipeline;

namespace WeChatDomains.Azure.Vault;

/// <summary>
/// The Key Vault client's retry policy: the SDK keeps retrying transport faults and 5xx (its default exponential
/// policy), but a 429 is handed straight back to <see cref="KeyVaultSecretVault"/>, which owns throttling (it honours
/// Retry-After on the injected TimeProvider). One owner per failure: the two never retry the same response.
/// </summary>
internal sealed class ThrottleDeferringRetryPolicy : RetryPolicy
{
    public ThrottleDeferringRetryPolicy()
        : base(VaultConstants.SdkMaxRetries, DelayStrategy.CreateExponentialDelayStrategy(TimeSpan.FromSeconds(0.8), TimeSpan.FromSeconds(30)))
    {
    }

    /// <summary>Whether a response status is left to the vault adapter rather than retried by the SDK.</summary>
    public static bool IsLeftToVault(int status) => status == 429;

    protected override bool ShouldRetry(HttpMessage message, Exception? exception) =>
        !(message.HasResponse && IsLeftToVault(message.Response.Status)) && base.ShouldRetry(message, exception);

    protected override ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
        message.HasResponse && IsLeftToVault(message.Response.Status) ? ValueTask.FromResult(false) : base.ShouldRetryAsync(message, exception);
}
