using System.Collections.Concurrent;
using WeChatDomains.Core.Ports;

namespace WeChatDomains.Bench.Scenarios.Sweep;

/// <summary>
/// An in-memory vault that throttles like Key Vault: more than <see cref="Limit"/> secret writes in any sliding
/// <see cref="Window"/> are answered 429 with a Retry-After, and the caller waits that long and writes again (what
/// <c>KeyVaultSecretVault</c> does with a 429). Counts throttled calls and records when each accepted write happened.
/// </summary>
internal sealed class ThrottlingVault(TimeProvider time) : ISecretVault
{
    public const int Limit = 300;
    public static readonly TimeSpan Window = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<string, VaultSecret> _secrets = new(StringComparer.Ordinal);
    private readonly Queue<DateTimeOffset> _recent = new();
    private readonly List<DateTimeOffset> _writes = [];
    private readonly Lock _gate = new();
    private int _throttled;

    public int Throttled => _throttled;

    public IReadOnlyList<DateTimeOffset> Writes
    {
        get
        {
            lock (_gate)
            {
                return [.. _writes];
            }
        }
    }

    /// <summary>Smallest lifetime an access token still had when a newer one replaced it.</summary>
    public TimeSpan SmallestLifetimeAtReplacement { get; private set; } = TimeSpan.MaxValue;

    public void Put(string name, string value, DateTimeOffset? expiresOn)
    {
        var now = time.GetUtcNow();
        if (name.EndsWith("-access-token", StringComparison.Ordinal) && _secrets.GetValueOrDefault(name)?.ExpiresOn is { } old)
        {
            lock (_gate)
            {
                SmallestLifetimeAtReplacement = old - now < SmallestLifetimeAtReplacement ? old - now : SmallestLifetimeAtReplacement;
            }
        }

        _secrets[name] = new VaultSecret(name, value, expiresOn, now);
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
        _secrets.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    /// <summary>Most accepted writes in any window of <paramref name="window"/>.</summary>
    public int MaxInWindow(TimeSpan window)
    {
        var sorted = Writes.Order().ToArray();
        var max = 0;
        for (int start = 0, end = 0; end < sorted.Length; end++)
        {
            while (sorted[end] - sorted[start] >= window)
            {
                start++;
            }

            max = Math.Max(max, end - start + 1);
        }

        return max;
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
            _writes.Add(now);
            return null;
        }
    }
}
