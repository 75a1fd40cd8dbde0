using Microsoft.Extensions.Logging;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Core.Tokens;

/// <summary>
/// Writes a refresh outcome onto the authorizer's registry entry with an ETag: on a conflict it re-reads the entry and
/// applies the change again, a few times. A state change only moves an Active authorizer (a revocation wins).
/// </summary>
internal sealed class RefreshRecorder(IAuthorizerRegistry registry, ILogger logger)
{
    public Task SucceededAsync(AuthorizerRecord listed, DateTimeOffset expiresAt, DateTimeOffset at, CancellationToken cancellationToken) =>
        ApplyAsync(listed, r => r with
        {
            AccessTokenExpiresAt = expiresAt, LastRefreshAt = at, LastRefreshErrorCode = 0, LastRefreshError = null,
        }, cancellationToken);

    public Task ExpiryObservedAsync(AuthorizerRecord listed, DateTimeOffset expiresAt, CancellationToken cancellationToken) =>
        listed.AccessTokenExpiresAt == expiresAt
            ? Task.CompletedTask
            : ApplyAsync(listed, r => r with { AccessTokenExpiresAt = expiresAt }, cancellationToken);

    public Task FailedAsync(
        AuthorizerRecord listed, int errorCode, string error, DateTimeOffset at, bool needsReauthorization, CancellationToken cancellationToken) =>
        ApplyAsync(listed, r => r with
        {
            LastRefreshAt = at,
            LastRefreshErrorCode = errorCode,
            LastRefreshError = error,
            State = needsReauthorization && r.State == AuthorizerState.Active ? Reauthorization.After(r.State) : r.State,
        }, cancellationToken);

    private async Task ApplyAsync(AuthorizerRecord listed, Func<AuthorizerRecord, AuthorizerRecord> change, CancellationToken cancellationToken)
    {
        var current = listed;
        for (var attempt = 0; attempt < TokenConstants.RegistryUpdateAttempts; attempt++)
        {
            if (await registry.TryUpsertAsync(change(current), cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }

            current = await registry.GetAsync(listed.AppId, cancellationToken).ConfigureAwait(false);
            if (current is null)
            {
                return;
            }
        }

        Log.RegistryUpdateGaveUp(logger, listed.AppId);
    }
}
