using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Tokens;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Crypto;
using WeChatDomains.WeChat.Push;

namespace WeChatDomains.Core.Push;

/// <summary>
/// The platform's event URL (DESIGN section 6). Checks msg_signature and the AppId, refuses a push whose
/// <c>timestamp</c> is outside <see cref="PushOptions.TimestampTolerance"/> of the clock, answers a push whose
/// msg_signature was already handled with <c>success</c> and changes nothing, decrypts, and handles
/// <c>component_verify_ticket</c> (stored for 12 h from its CreateTime, never over a newer one),
/// <c>authorized</c>/<c>updateauthorized</c> (api_query_auth; tokens stored; the authorizer registered Active) and
/// <c>unauthorized</c> (Revoked, secrets deleted). An authorization event older than the last one recorded for its
/// authorizer changes nothing. A push that fails a check stores nothing.
/// </summary>
public sealed partial class PushReceiver
{
    private readonly PushMessageCrypto _crypto;
    private readonly TokenProvider _tokens;
    private readonly IWeChatClient _client;
    private readonly ISecretVault _vault;
    private readonly IAuthorizerRegistry _registry;
    private readonly ILeaseStore _leases;
    private readonly VaultWriteLimiter _writeLimiter;
    private readonly TokenOptions _options;
    private readonly PushOptions _pushOptions;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly IAuthorizationHook? _hook;

    /// <summary>Creates the receiver.</summary>
    public PushReceiver(
        PushMessageCrypto crypto, TokenProvider tokens, IWeChatClient client, ISecretVault vault, IAuthorizerRegistry registry, ILeaseStore leases,
        VaultWriteLimiter writeLimiter, IOptions<TokenOptions> options, IOptions<PushOptions> pushOptions, TimeProvider time, ILogger<PushReceiver> logger,
        IAuthorizationHook? hook = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(pushOptions);
        _crypto = crypto ?? throw new ArgumentNullException(nameof(crypto));
        _tokens = tokens ?? throw new ArgumentNullException(nameof(tokens));
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _vault = vault ?? throw new ArgumentNullException(nameof(vault));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _leases = leases ?? throw new ArgumentNullException(nameof(leases));
        _writeLimiter = writeLimiter ?? throw new ArgumentNullException(nameof(writeLimiter));
        _options = options.Value;
        _pushOptions = pushOptions.Value;
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

        if (!IsTimely(timestamp))
        {
            return Refuse(PushReply.Unauthorized, "the push timestamp is outside the accepted window of the clock");
        }

        var seen = await _leases.TryAcquireAsync(PushConstants.SeenSignatureLeaseName(msgSignature!), _pushOptions.TimestampTolerance * 2, cancellationToken)
            .ConfigureAwait(false);
        if (seen is null)
        {
            Log.Duplicate(_logger, message.InfoType);
            return new PushReceipt(PushReply.Success, "this msg_signature was already received; nothing changed");
        }

        PushReceipt receipt;
        try
        {
            receipt = await HandleAsync(message, cancellationToken).ConfigureAwait(false);
        }
        catch (SecretUnavailableException)
        {
            receipt = new PushReceipt(PushReply.RetryLater, "a secret is being deleted and cannot be written yet");
        }
        catch
        {
            await seen.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        if (receipt.Reply != PushReply.Success)
        {
            await seen.DisposeAsync().ConfigureAwait(false);
        }

        return receipt;
    }

    private async Task<PushReceipt> HandleAsync(PushMessage message, CancellationToken cancellationToken)
    {
        switch (message)
        {
            case ComponentVerifyTicketPush ticket:
                await StoreTicketAsync(ticket, cancellationToken).ConfigureAwait(false);
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

    /// <summary>
    /// Stores the ticket unless the stored one is newer (its CreateTime is its expiry less 12 h); an unchanged ticket is
    /// written again only once <see cref="PushConstants.UnchangedTicketRewriteInterval"/> has passed since its last write.
    /// </summary>
    private async Task StoreTicketAsync(ComponentVerifyTicketPush ticket, CancellationToken cancellationToken)
    {
        var stored = await _vault.GetAsync(SecretNames.ComponentVerifyTicket, cancellationToken).ConfigureAwait(false);
        if (stored?.ExpiresOn is { } storedExpiry && ticket.CreateTime < storedExpiry - PushConstants.TicketLifetime)
        {
            Log.TicketOlderThanStored(_logger, ticket.CreateTime);
            return;
        }

        if (stored is not null && string.Equals(stored.Value, ticket.ComponentVerifyTicket, StringComparison.Ordinal)
            && stored.UpdatedOn is { } written && _time.GetUtcNow() - written < PushConstants.UnchangedTicketRewriteInterval)
        {
            Log.TicketUnchanged(_logger, ticket.CreateTime);
            return;
        }

        await _writeLimiter.WaitAsync(cancellationToken).ConfigureAwait(false);
        await _vault.SetAsync(SecretNames.ComponentVerifyTicket, ticket.ComponentVerifyTicket, ticket.CreateTime + PushConstants.TicketLifetime, cancellationToken)
            .ConfigureAwait(false);
        Log.TicketStored(_logger, ticket.CreateTime);
    }

    private bool IsTimely(string? timestamp)
    {
        if (!long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        var offset = DateTimeOffset.FromUnixTimeSeconds(seconds) - _time.GetUtcNow();
        return offset.Duration() <= _pushOptions.TimestampTolerance;
    }

    private PushReceipt Refuse(PushReply reply, string reason)
    {
        Log.PushRefused(_logger, reply, reason);
        return new PushReceipt(reply, reason);
    }
}
