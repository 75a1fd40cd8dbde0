using System.Globalization;
using Azure;
using Azure.Core;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging;
using WeChatDomains.Core.Ports;

namespace WeChatDomains.Azure.Vault;

/// <summary>
/// <see cref="ISecretVault"/> over Azure Key Vault secrets. A 404 reads as "no secret" and deletes as "already done".
/// Throttling (429, Key Vault allows 300 secret writes per 10 s per vault) is owned here: it backs off for Retry-After
/// (or exponentially) on the injected <see cref="TimeProvider"/> and retries; the SDK, built with
/// <see cref="CreateClientOptions"/>, keeps transport faults and 5xx and does not retry 429 itself.
/// </summary>
/// <remarks>
/// Deleting waits until the delete completed: with soft delete on (the default, 7-90 days retention), the secret is then
/// recoverable under its name. Writing a name that is soft-deleted answers 409; the vault then recovers the deleted
/// secret only when Key Vault lists it as deleted (recoverable), waits for the recovery and writes the new version on
/// top, so the recovered old value is never the current one. A name that is not recoverable yet (a delete still in
/// progress, a purge) throws <see cref="SecretUnavailableException"/>: transient, retried by the caller. The identity
/// needs get, set, delete, recover and get-deleted on secrets; purge is left to operators.
/// </remarks>
public sealed class KeyVaultSecretVault : ISecretVault
{
    private readonly SecretClient _client;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the vault over <paramref name="client"/> (build it with <see cref="CreateClientOptions"/>).</summary>
    public KeyVaultSecretVault(SecretClient client, TimeProvider time, ILogger<KeyVaultSecretVault> logger)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <summary>Client options with the retry policy that leaves 429 to this vault.</summary>
    public static SecretClientOptions CreateClientOptions() => new() { RetryPolicy = new ThrottleDeferringRetryPolicy() };

    /// <summary>A <see cref="SecretClient"/> for <paramref name="vaultUri"/> with <see cref="CreateClientOptions"/>.</summary>
    public static SecretClient CreateClient(Uri vaultUri, TokenCredential credential) => new(vaultUri, credential, CreateClientOptions());

    /// <inheritdoc />
    public Task<VaultSecret?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        ThrottledAsync("get", name, async () =>
        {
            try
            {
                var response = await _client.GetSecretAsync(name, cancellationToken: cancellationToken).ConfigureAwait(false);
                var secret = response.Value;
                return new VaultSecret(secret.Name, secret.Value, secret.Properties.ExpiresOn, secret.Properties.UpdatedOn);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                return (VaultSecret?)null;
            }
        }, cancellationToken);

    /// <inheritdoc />
    public Task SetAsync(string name, string value, DateTimeOffset? expiresOn, CancellationToken cancellationToken = default) =>
        ThrottledAsync("set", name, async () =>
        {
            var secret = new KeyVaultSecret(name, value);
            secret.Properties.ExpiresOn = expiresOn;
            try
            {
                await _client.SetSecretAsync(secret, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 409)
            {
                await RecoverAsync(name, ex, cancellationToken).ConfigureAwait(false);
                await _client.SetSecretAsync(secret, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);

    /// <inheritdoc />
    public Task DeleteAsync(string name, CancellationToken cancellationToken = default) =>
        ThrottledAsync("delete", name, async () =>
        {
            try
            {
                var deletion = await _client.StartDeleteSecretAsync(name, cancellationToken).ConfigureAwait(false);
                await deletion.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
            }

            return true;
        }, cancellationToken);

    private async Task RecoverAsync(string name, RequestFailedException conflict, CancellationToken cancellationToken)
    {
        try
        {
            await _client.GetDeletedSecretAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            Log.NotRecoverableYet(_logger, name);
            throw new SecretUnavailableException($"Secret {name} is being deleted and cannot be recovered yet.", conflict);
        }

        Log.RecoveringDeletedSecret(_logger, name);
        var recovery = await _client.StartRecoverDeletedSecretAsync(name, cancellationToken).ConfigureAwait(false);
        await recovery.WaitForCompletionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> ThrottledAsync<T>(string operation, string name, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await action().ConfigureAwait(false);
            }
            catch (RequestFailedException ex) when (ex.Status == 429 && attempt < VaultConstants.MaxThrottledAttempts)
            {
                var delay = RetryAfter(ex) ?? Backoff(attempt);
                Log.Throttled(_logger, operation, name, attempt, delay);
                await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private TimeSpan? RetryAfter(RequestFailedException ex)
    {
        if (ex.GetRawResponse() is not { } response || !response.Headers.TryGetValue("Retry-After", out var header))
        {
            return null;
        }

        TimeSpan? delay = int.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : DateTimeOffset.TryParse(header, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at - _time.GetUtcNow() : null;
        return delay is null ? null : Clamp(delay.Value);
    }

    private static TimeSpan Backoff(int attempt) =>
        Clamp(VaultConstants.ThrottleInitialDelay * Math.Pow(2, Math.Min(attempt - 1, 10)));

    private static TimeSpan Clamp(TimeSpan delay) =>
        delay < TimeSpan.Zero ? TimeSpan.Zero : delay > VaultConstants.ThrottleMaxDelay ? VaultConstants.ThrottleMaxDelay : delay;
}
