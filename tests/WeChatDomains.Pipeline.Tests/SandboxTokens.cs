using System.Collections.Concurrent;
using WeChatDomains.Core.Tokens;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Pipeline.Tests;

/// <summary>
/// A token provider for pipeline tests: tokens minted through the sandbox's admin API (the real provider is tested on
/// its own in Core.Tests). Counts refreshes so the token-replay rule can be asserted.
/// </summary>
internal sealed class SandboxTokens(SandboxServer sandbox, TimeProvider time) : ITokenProvider
{
    private readonly ConcurrentDictionary<TokenKey, AccessToken> _current = new();

    public int Refreshes;

    public Task<TokenLookup> GetComponentTokenAsync(CancellationToken cancellationToken = default) => GetAsync(TokenKey.Component);

    public Task<TokenLookup> GetAuthorizerTokenAsync(string authorizerAppId, CancellationToken cancellationToken = default) => GetAsync(TokenKey.Authorizer(authorizerAppId));

    public async Task<TokenLookup> RefreshAfterRejectionAsync(TokenKey key, AccessToken failed, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref Refreshes);
        _current.TryRemove(new KeyValuePair<TokenKey, AccessToken>(key, failed));
        return await GetAsync(key);
    }

    private async Task<TokenLookup> GetAsync(TokenKey key)
    {
        if (!_current.TryGetValue(key, out var token))
        {
            var minted = key.IsComponent ? await sandbox.MintComponentTokenAsync() : await sandbox.MintAuthorizerTokenAsync(key.AuthorizerAppId!);
            token = _current.GetOrAdd(key, new AccessToken(minted));
        }

        return TokenLookup.Found(token, time.GetUtcNow().AddHours(2));
    }
}
