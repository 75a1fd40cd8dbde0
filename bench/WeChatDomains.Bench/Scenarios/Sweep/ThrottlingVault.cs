using System.Collections.Concurrent;
using WeChatDomains.Core.Ports;

namespace WeChatDomains.Bench.Scenarios.Sweep;

/// <summary>
/// An in-memory vault that throttles like Key Vault: more than <see cref="Limit"/> secret writes in any sliding
/// <see cref="Window"/> are answered 429 with a Retry-After, and the caller waits that long and writes again (what
/// <c>KeyVaultSecretVault</c> does with a 429). Counts throttled calls and the most accepted writes in any window, and
/// keeps the access tokens by expiry.
/// </summary>
internal sealed class ThrottlingVault(TimeProvider time) : ISecretVault
{
    public const int Limit = 300;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private const string AccessTokenSuffix = "-access-token";

    private readonly ConcurrentDictionary<string, VaultSecret> _secrets = new(StringComparer.Ordinal);
    private readonly SortedSet<(DateTimeOffset ExpiresOn, string Name)> _accessTokens = [];
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly Lock _gate = new();
    private int _throttled;
    private int _maxInWindow;

    public int Throttled => _throttled;

    /// <summary>Most accepted writes in any sliding <see cref="Window"/> so far.</summary>
    public int MaxInWindow => Volatile.Read(ref _maxInWindow);

    /// <summary>Smallest lifetime an access token still had when a newer one replaced it.</summary>
    public TimeSpan SmallestLifetimeAtReplacement { get; private set; } = TimeSpan.MaxValue;

    /// <summary>The soonest expiry of any access token stored now, or null when none is.</summary>
    public DateTimeOffset? SoonestAccessTokenExpiry
    {
        get
        {
            lock (_gate)
            {
                return _accessTokens.Count == 0 ? null : _accessTokens.Min.ExpiresOn;
            }
        }
    }

    public void Put(string name, string value, DateTimeOffset? expiresOn)
    {
        var now = time.GetUtcNow();
        lock (_gate)
        {
            if (name.EndsWith(AccessTokenSuffix, StringComparison.Ordinal))
            {
                if (_secrets.GetValueOrDefault(name)?.ExpiresOn is { } old)
                {
                    SmallestLifetimeAtReplacement = old - now < SmallestLifetimeAtReplacement ? old - now : SmallestLifetimeAtReplacement;
                    _accessTokens.Remove((old, name));
                }

                if (expiresOn is { } expires)
                {
                    _accessTokens.Add((expires, name));
                }
            }

            _secrets[name] = new VaultSecret(name, value, expiresOn, now);
        }
    }

    public VaultSecret? Peek(string name) => _secrets.GetValueOrDefault(name);

    public Task<VaultSecret?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        Task.FromResult(_secrets.GetValueOrDefault(name));

    public async Task SetAsync(string name, string value, DateTimeOffset? expiresOn, CancellationToken cancellationToken = default)
    {
        while (TryAdmit() is { } retryAfter)
        {
            Interlocked.Increment(ref _throttled);
            await Task.Delay(retryAfter, time, cancellationToken);
        }

        Put(name, value, expiresOn);
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            if (_secrets.TryRemove(name, out var removed) && removed.ExpiresOn is { } expiresOn)
            {
                _accessTokens.Remove((expiresOn, name));
            }
        }

        return Task.CompletedTask;
    }

    private TimeSpan? TryAdmit()
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            while (_recent.Count > 0 && _recent.Peek() <= now - Window)
            {
                _recent.Dequeue();
            }

            if (_recent.Count >= Limit)
            {
                var wait = _recent.Peek() + Window - now;
                return wait > TimeSpan.Zero ? wait : TimeSpan.FromMilliseconds(1);
            }

            _recent.Enqueue(now);
            _maxInWindow = Math.Max(_maxInWindow, _recent.Count);
            return null;
        }
    }
}
