using System.Collections.Concurrent;
using WeChatDomains.Core.Ports;

namespace WeChatDomains.Core.Tests.Tokens.Doubles;

/// <summary>A vault in memory that records every write with its (fake) time; shared by several "instances".</summary>
internal sealed class InMemorySecretVault(TimeProvider time) : ISecretVault
{
    private readonly ConcurrentDictionary<string, VaultSecret> _secrets = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(string Name, DateTimeOffset At)> _writes = new();
    private int _reads;

    /// <summary>Throws from a write when it returns an exception (called before the write).</summary>
    public Func<string, Exception?>? WriteFault { get; set; }

    /// <summary>Throws from a delete when it returns an exception (called before the delete).</summary>
    public Func<string, Exception?>? DeleteFault { get; set; }

    public int Reads => Volatile.Read(ref _reads);

    public int WriteCount => _writes.Count;

    public IReadOnlyList<(string Name, DateTimeOffset At)> Writes => [.. _writes];

    public int WritesOf(string name) => _writes.Count(w => w.Name == name);

    public VaultSecret? Peek(string name) => _secrets.GetValueOrDefault(name);

    public IEnumerable<VaultSecret> All => _secrets.Values;

    public Task<VaultSecret?> GetAsync(string name, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _reads);
        return Task.FromResult(_secrets.GetValueOrDefault(name));
    }

    public Task SetAsync(string name, string value, DateTimeOffset? expiresOn, CancellationToken cancellationToken = default)
    {
        if (WriteFault?.Invoke(name) is { } fault)
        {
            return Task.FromException(fault);
        }

        if (cancellationToken.IsCancellationRequested)
        {
            return Task.FromCanceled(cancellationToken);
        }

        var now = time.GetUtcNow();
        _writes.Enqueue((name, now));
        _secrets[name] = new VaultSecret(name, value, expiresOn, now);
        return Task.CompletedTask;
    }

    public Task DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        if (DeleteFault?.Invoke(name) is { } fault)
        {
            return Task.FromException(fault);
        }

        _secrets.TryRemove(name, out _);
        return Task.CompletedTask;
    }

    public void Put(string name, string value, DateTimeOffset? expiresOn) =>
        _secrets[name] = new VaultSecret(name, value, expiresOn, time.GetUtcNow());
}
