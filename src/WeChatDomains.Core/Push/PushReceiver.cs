using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.Core.Tokens;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Crypto;
using WeChatDomains.WeChat.Push;

namespace WeChatDomains.Core.Push;

/// <summary>
/// The platform's event URL (DESIGN section 6). Checks msg_signature and the AppId, decrypts, and handles
/// <c>component_verify_ticket</c> (stored for 12 h from its CreateTime), <c>authorized</c>/<c>updateauthorized</c>
/// (api_query_auth; tokens stored; the authorizer registered Active) and <c>unauthorized</c> (Revoked, secrets deleted).
/// A push that fails a check stores nothing.
/// </summary>
public sealed class PushReceiver
{
    private static readonly TimeSpan TicketLifetime = TimeSpan.FromHours(12);
    private readonly PushMessageCrypto _crypto;
    private readonly TokenProvider _tokens;
    private readonly IWeChatClient _client;
    private readonly ISecretVault _vault;
    private readonly IAuthorizerRegistry _registry;
    private readonly VaultWriteLimiter _writeLimiter;
    private readonly TokenOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IAuthorizationHook? _hook;

    /// <summary>Creates the receiver.</summary>
    public PushReceiver(
        PushMessageCrypto crypto, TokenProvider tokens, IWeChatClient client, ISecretVault vault, IAuthorizerRegistry registry,
        VaultWriteLimiter writeLimiter, IOptions<TokenOptions> options, TimeProvider time, ILogger<PushReceiver> logger, IAuthorizationHook? hook = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _crypto = crypto ?? throw new ArgumentNullException(nameof(crypto));
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _vault = vault ?? throw new ArgumentNullException(nameof(vault));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _writeLimiter = writeLimiter ?? throw new ArgumentNullException(nameof(writeLimiter));
        _options = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _hook = hook;
    }

    /// <summary>Handles one push: the raw query values and the POST body.</summary>
    public async Task<PushReceipt> ReceiveAsync(string? msgSignature, string? timestamp, string? nonce, string? body, CancellationToken cancellationToken = default)
    {
        var opened = _crypto.Open(msgSignature, timestamp, nonce, body);
        if (!opened.IsSuccess)
        {
            var reply = opened.Error is PushCryptoError.InvalidSignature or PushCryptoError.AppIdMismatch ? PushReply.Unauthorized : PushReply.BadRequest;
            return Refuse(reply, opened.Description);
        }

        var message = opened.Value!;
        if (!string.Equals(message.AppId, _options.ComponentAppId, StringComparison.Ordinal))
        {
            return Refuse(PushReply.Unauthorized, "the push is for another component AppId");
        }

        switch (message)
        {
            case ComponentVerifyTicketPush ticket:
                await _writeLimiter.WaitAsync(cancellationToken).ConfigureAwait(false);
                await _vault.SetAsync(SecretNames.ComponentVerifyTicket, ticket.ComponentVerifyTicket, ticket.CreateTime + TicketLifetime, cancellationToken)
                    .ConfigureAwait(false);
                Log.TicketStored(_logger, ticket.CreateTime);
                return PushReceipt.Success;
            case AuthorizationPush authorization:
                return await AuthorizeAsync(authorization, cancellationToken).ConfigureAwait(false);
            case UnauthorizedPush revoked:
                await RevokeAsync(revoked, cancellationToken).ConfigureAwait(false);
                return PushReceipt.Success;
            default:
                Log.Ignored(_logger, message.InfoType);
                return PushReceipt.Success;
        }
    }

    private async Task<PushReceipt> AuthorizeAsync(AuthorizationPush push, CancellationToken cancellationToken)
    {
        var request = new QueryAuthRequest(_options.ComponentAppId, push.AuthorizationCode);
        var result = await _tokens.WithTokenAsync(TokenKey.Component, (token, ct) => _client.QueryAuthAsync(token, request, ct), cancellationToken)
            .ConfigureAwait(false);
        if (!result.IsSuccess)
        {
            Log.QueryAuthFailed(_logger, push.AuthorizerAppId, push.InfoType, result.ErrorCode.Value);
            return new PushReceipt(PushReply.RetryLater, $"api_query_auth answered errcode {result.ErrorCode}");
        }

        var info = result.Value!;
        var appId = push.AuthorizerAppId;
        var now = _time.GetUtcNow();
        var expiresAt = now + info.ExpiresIn;
        await _tokens.StoreAuthorizerTokensAsync(appId, info.AccessToken, expiresAt, info.RefreshToken, cancellationToken).ConfigureAwait(false);
        await UpdateRegistryAsync(appId, r => r with
        {
            State = AuthorizerState.Active,
            AuthorizedAt = push.CreateTime,
            PermissionSetIds = info.PermissionSetIds,
            AccessTokenExpiresAt = expiresAt,
            LastRefreshAt = now,
            LastRefreshErrorCode = 0,
            LastRefreshError = null,
        }, cancellationToken).ConfigureAwait(false);
        Log.Authorized(_logger, appId, push.InfoType);
        if (_hook is not null)
        {
            await _hook.OnAuthorizedAsync(appId, push.InfoType, cancellationToken).ConfigureAwait(false);
        }

        return PushReceipt.Success;
    }

    private async Task RevokeAsync(UnauthorizedPush push, CancellationToken cancellationToken)
    {
        var appId = push.AuthorizerAppId;
        await UpdateRegistryAsync(appId, r => r with { State = AuthorizerState.Revoked, AccessTokenExpiresAt = null }, cancellationToken).ConfigureAwait(false);
        _tokens.Forget(TokenKey.Authorizer(appId));
        await _vault.DeleteAsync(SecretNames.AuthorizerAccessToken(appId), cancellationToken).ConfigureAwait(false);
        await _vault.DeleteAsync(SecretNames.AuthorizerRefreshToken(appId), cancellationToken).ConfigureAwait(false);
        Log.Unauthorized(_logger, appId);
    }

    private async Task UpdateRegistryAsync(string appId, Func<AuthorizerRecord, AuthorizerRecord> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < TokenConstants.RegistryUpdateAttempts; attempt++)
        {
            var current = await _registry.GetAsync(appId, cancellationToken).ConfigureAwait(false)
                ?? new AuthorizerRecord { AppId = appId, State = AuthorizerState.Active };
            if (await _registry.TryUpsertAsync(change(current), cancellationToken).ConfigureAwait(false) is not null)
            {
                return;
            }
        }

        throw new InvalidOperationException($"The registry entry of authorizer {appId} kept changing; the push is not recorded.");
    }

    private PushReceipt Refuse(PushReply reply, string reason)
    {
        Log.PushRefused(_logger, reply, reason);
        return new PushReceipt(reply, reason);
    }
}
