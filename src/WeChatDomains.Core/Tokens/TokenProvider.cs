using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatDomains.Core.Leasing;
using WeChatDomains.Core.Ports;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Tokens;

/// <summary>
/// The token provider of DESIGN section 6. Serves tokens from an in-process cache until
/// <see cref="TokenOptions.EarlyRefreshMargin"/> before expiry, then from the vault, and refreshes them from WeChat
/// when neither is fresh: one refresh per key in a process (a per-key semaphore, re-checked once held) and across
/// instances (a lease named <c>token-refresh:{key}</c>, renewed while the refresh runs; a caller that finds it held polls
/// the vault instead). Its memory does not grow with the fleet: the cache holds at most
/// <see cref="TokenOptions.CachedTokens"/> tokens (the least recently used evicted) and a key's semaphore exists only
/// while a refresh holds or waits for it.
/// </summary>
public sealed partial class TokenProvider : ITokenProvider
{
    private readonly TokenCache _cache;
    private readonly KeyedLocks<TokenKey> _gates = new();
    private readonly IWeChatClient _client;
    private readonly ISecretVault _vault;
    private readonly ILeaseStore _leases;
    private readonly IAuthorizerRegistry _registry;
    private readonly VaultWriteLimiter _writeLimiter;
    private readonly TokenMetrics _metrics;
    private readonly TokenOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    /// <summary>Creates the provider.</summary>
    public TokenProvider(
        IWeChatClient client, ISecretVault vault, ILeaseStore leases, IAuthorizerRegistry registry, VaultWriteLimiter writeLimiter,
        TokenMetrics metrics, IOptions<TokenOptions> options, TimeProvider time, ILogger<TokenProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _vault = vault ?? throw new ArgumentNullException(nameof(vault));
        _leases = leases ?? throw new ArgumentNullException(nameof(leases));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _writeLimiter = writeLimiter ?? throw new ArgumentNullException(nameof(writeLimiter));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _options = options.Value;
        _cache = new TokenCache(_options.CachedTokens);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
    }

    /// <inheritdoc />
    public Task<TokenLookup> GetComponentTokenAsync(CancellationToken cancellationToken = default) =>
        GetAsync(TokenKey.Component, cancellationToken);

    /// <inheritdoc />
    public Task<TokenLookup> GetAuthorizerTokenAsync(string authorizerAppId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(authorizerAppId);
        return GetAsync(TokenKey.Authorizer(authorizerAppId), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<TokenLookup> RefreshAfterRejectionAsync(TokenKey key, AccessToken failed, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(failed);
        var outcome = await RefreshAsync(key, FreshUntil(), failed, cancellationToken).ConfigureAwait(false);
        return outcome.Lookup;
    }

    /// <summary>
    /// Makes sure the token of <paramref name="key"/> stays valid past <paramref name="freshUntil"/> and is not
    /// <paramref name="rejected"/>: returns the stored one when it qualifies, otherwise refreshes it (under the locks).
    /// </summary>
    public async Task<RefreshOutcome> RefreshAsync(TokenKey key, DateTimeOffset freshUntil, AccessToken? rejected, CancellationToken cancellationToken = default)
    {
        using (await _gates.AcquireAsync(key, cancellationToken).ConfigureAwait(false))
        {
            return await RefreshLockedAsync(key, freshUntil, rejected, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Drops the cached token of <paramref name="key"/> (the authorizer was revoked, for instance).</summary>
    public void Forget(TokenKey key) => _cache.Remove(key);

    /// <summary>Tokens held in the in-process cache now (at most <see cref="TokenOptions.CachedTokens"/>).</summary>
    internal int CachedTokens => _cache.Count;

    /// <summary>Per-key refresh gates that exist now: only those held or waited for.</summary>
    internal int RefreshGates => _gates.Count;

    private async Task<TokenLookup> GetAsync(TokenKey key, CancellationToken cancellationToken)
    {
        var freshUntil = FreshUntil();
        if (_cache.TryGet(key, out var cached) && IsFresh(cached, freshUntil, null))
        {
            return cached;
        }

        var outcome = await RefreshAsync(key, freshUntil, null, cancellationToken).ConfigureAwait(false);
        return outcome.Lookup;
    }

    private async Task<RefreshOutcome> RefreshLockedAsync(TokenKey key, DateTimeOffset freshUntil, AccessToken? rejected, CancellationToken cancellationToken)
    {
        if (_cache.TryGet(key, out var cached) && IsFresh(cached, freshUntil, rejected))
        {
            return RefreshOutcome.Fresh(RefreshStatus.AlreadyFresh, cached);
        }

        if (rejected is not null && cached?.Token is not null && cached.Token.Equals(rejected))
        {
            _cache.Remove(key);
        }

        var stored = await ReadStoredAsync(key, cancellationToken).ConfigureAwait(false);
        if (IsFresh(stored, freshUntil, rejected))
        {
            return Remember(key, RefreshOutcome.Fresh(RefreshStatus.AlreadyFresh, stored));
        }

        var (lease, freshElsewhere) = await AcquireOrWaitAsync(key, freshUntil, rejected, cancellationToken).ConfigureAwait(false);
        if (freshElsewhere is not null)
        {
            return Remember(key, RefreshOutcome.Fresh(RefreshStatus.AlreadyFresh, freshElsewhere));
        }

        if (lease is null)
        {
            _metrics.RecordRefresh(key, RefreshStatus.HeldElsewhere);
            return RefreshOutcome.Failure(RefreshStatus.HeldElsewhere, TokenConstants.UnavailableErrorCode,
                "another instance is refreshing the token and did not finish in time", UsableOrNull(stored, rejected));
        }

        await using (lease.ConfigureAwait(false))
        await using (LeaseKeeper.Start(lease, _options.RefreshLeaseDuration, _time, _logger).ConfigureAwait(false))
        {
            stored = await ReadStoredAsync(key, cancellationToken).ConfigureAwait(false);
            if (IsFresh(stored, freshUntil, rejected))
            {
                return Remember(key, RefreshOutcome.Fresh(RefreshStatus.AlreadyFresh, stored));
            }

            var outcome = key.IsComponent
                ? await IssueComponentTokenAsync(cancellationToken).ConfigureAwait(false)
                : await IssueAuthorizerTokenAsync(key.AuthorizerAppId!, cancellationToken).ConfigureAwait(false);
            _metrics.RecordRefresh(key, outcome.Status);
            if (outcome.Succeeded)
            {
                Log.TokenRefreshed(_logger, key, outcome.Lookup.ExpiresAt!.Value);
                return Remember(key, outcome);
            }

            Log.RefreshFailed(_logger, key, outcome.ErrorCode, outcome.Error ?? "");
            var fallback = UsableOrNull(stored, rejected);
            return fallback is null ? outcome : outcome with { Lookup = fallback };
        }
    }

    private async Task<(ILease? Lease, TokenLookup? Fresh)> AcquireOrWaitAsync(
        TokenKey key, DateTimeOffset freshUntil, AccessToken? rejected, CancellationToken cancellationToken)
    {
        var name = TokenConstants.RefreshLeaseName(key);
        var started = _time.GetTimestamp();
        var delay = _options.LeasePollInitialDelay;
        for (var attempt = 0; ; attempt++)
        {
            var lease = await _leases.TryAcquireAsync(name, _options.RefreshLeaseDuration, cancellationToken).ConfigureAwait(false);
            if (lease is not null)
            {
                return (lease, null);
            }

            if (attempt == 0)
            {
                Log.RefreshHeldElsewhere(_logger, key);
            }

            var waited = _time.GetElapsedTime(started);
            if (waited >= _options.LeaseWaitTimeout)
            {
                Log.RefreshWaitTimedOut(_logger, key, waited);
                return (null, null);
            }

            await Task.Delay(delay, _time, cancellationToken).ConfigureAwait(false);
            delay = delay * 2 < _options.LeasePollMaxDelay ? delay * 2 : _options.LeasePollMaxDelay;
            var stored = await ReadStoredAsync(key, cancellationToken).ConfigureAwait(false);
            if (IsFresh(stored, freshUntil, rejected))
            {
                return (null, stored);
            }
        }
    }

    private async Task<TokenLookup> ReadStoredAsync(TokenKey key, CancellationToken cancellationToken)
    {
        var name = key.IsComponent ? SecretNames.ComponentAccessToken : SecretNames.AuthorizerAccessToken(key.AuthorizerAppId!);
        var secret = await _vault.GetAsync(name, cancellationToken).ConfigureAwait(false);
        return secret is { ExpiresOn: { } expiresOn } && !string.IsNullOrWhiteSpace(secret.Value)
            ? TokenLookup.Found(new AccessToken(secret.Value), expiresOn)
            : TokenLookup.Missing(TokenConstants.UnavailableErrorCode, "no token stored");
    }

    private RefreshOutcome Remember(TokenKey key, RefreshOutcome outcome)
    {
        _cache.Set(key, outcome.Lookup);
        return outcome;
    }

    private DateTimeOffset FreshUntil() => _time.GetUtcNow() + _options.EarlyRefreshMargin;

    private static bool IsFresh(TokenLookup lookup, DateTimeOffset freshUntil, AccessToken? rejected) =>
        lookup.Token is not null && lookup.ExpiresAt >= freshUntil && !lookup.Token.Equals(rejected);

    private TokenLookup? UsableOrNull(TokenLookup stored, AccessToken? rejected) =>
        IsFresh(stored, _time.GetUtcNow() + TokenConstants.MinimumUsableLifetime, rejected) ? stored : null;
}
