using WeChatDomains.Core.Ports;

namespace WeChatDomains.Core.Tests.Tokens.Doubles;

/// <summary>Named leases in memory with expiry on the (fake) clock; shared by several "instances".</summary>
internal sealed class InMemoryLeaseStore(TimeProvider time) : ILeaseStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (Guid Holder, DateTimeOffset ExpiresAt)> _held = [];

    public bool IsHeld(string name)
    {
        lock (_gate)
        {
            return _held.TryGetValue(name, out var h) && h.ExpiresAt > time.GetUtcNow();
        }
    }

    public Task<ILease?> TryAcquireAsync(string name, TimeSpan duration, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            var now = time.GetUtcNow();
            if (_held.TryGetValue(name, out var h) && h.ExpiresAt > now)
            {
                return Task.FromResult<ILease?>(null);
            }

            var lease = new Lease(this, name, Guid.NewGuid(), duration, now + duration);
            _held[name] = (lease.Holder, lease.ExpiresAt);
            return Task.FromResult<ILease?>(lease);
        }
    }

    private bool Renew(Lease lease)
    {
        lock (_gate)
        {
            if (!_held.TryGetValue(lease.Name, out var h) || h.Holder != lease.Holder)
            {
                return false;
            }

            lease.ExpiresAt = time.GetUtcNow() + lease.Duration;
            _held[lease.Name] = (lease.Holder, lease.ExpiresAt);
            return true;
        }
    }

    private void Release(Lease lease)
    {
        lock (_gate)
        {
            if (_held.TryGetValue(lease.Name, out var h) && h.Holder == lease.Holder)
            {
                _held.Remove(lease.Name);
            }
        }
    }

    private sealed class Lease(InMemoryLeaseStore store, string name, Guid holder, TimeSpan duration, DateTimeOffset expiresAt) : ILease
    {
        public string Name => name;

        public Guid Holder => holder;

        public TimeSpan Duration => duration;

        public DateTimeOffset ExpiresAt { get; set; } = expiresAt;

        public Task<bool> RenewAsync(CancellationToken cancellationToken = default) => Task.FromResult(store.Renew(this));

        public ValueTask DisposeAsync()
        {
            store.Release(this);
            return ValueTask.CompletedTask;
        }
    }
}
