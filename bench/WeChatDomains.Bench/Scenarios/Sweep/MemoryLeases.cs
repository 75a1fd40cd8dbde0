using WeChatDomains.Core.Ports;

namespace WeChatDomains.Bench.Scenarios.Sweep;

/// <summary>Leases in memory on the simulated clock: one holder per name until it releases or the lease lapses.</summary>
internal sealed class MemoryLeases(TimeProvider clock) : ILeaseStore
{
    private readonly Dictionary<string, (object Holder, DateTimeOffset Until)> _held = new(StringComparer.Ordinal);

    private DateTimeOffset Now => clock.GetUtcNow();

    public Task<ILease?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        lock (_held)
        {
            var now = clock.GetUtcNow();
            if (_held.TryGetValue(name, out var current) && current.Until > now)
            {
                return Task.FromResult<ILease?>(null);
            }

            var lease = new Lease(this, name, duration);
            _held[name] = (lease, now + duration);
            return Task.FromResult<ILease?>(lease);
        }
    }

    private sealed class Lease(MemoryLeases store, string name, TimeSpan duration) : ILease
    {
        public string Name => name;

        public DateTimeOffset ExpiresAt { get; private set; } = store.Now + duration;

        public Task<bool> RenewAsync(CancellationToken cancellationToken = default)
        {
            lock (store._held)
            {
                if (!store._held.TryGetValue(name, out var current) || current.Holder != this)
                {
                    return Task.FromResult(false);
                }

                ExpiresAt = store.Now + duration;
                store._held[name] = (this, ExpiresAt);
                return Task.FromResult(true);
            }
        }

        public ValueTask DisposeAsync()
        {
            lock (store._held)
            {
                if (store._held.TryGetValue(name, out var current) && current.Holder == this)
                {
                    store._held.Remove(name);
                }
            }

            return ValueTask.CompletedTask;
        }
    }
}
