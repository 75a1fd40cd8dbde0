namespace WeChatDomains.Core.Tokens;

/// <summary>
/// One refresh per token key in this process: a semaphore per key that exists only while someone holds or waits for
/// it, so the gates do not grow with the fleet (issue 16). Thread-safe.
/// </summary>
internal sealed class RefreshGates
{
    private readonly Lock _lock = new();
    private readonly Dictionary<TokenKey, Gate> _gates = [];

    /// <summary>Gates held or waited for now.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _gates.Count;
            }
        }
    }

    /// <summary>Waits for the gate of <paramref name="key"/>; disposing the result lets the next caller in.</summary>
    public async Task<IDisposable> EnterAsync(TokenKey key, CancellationToken cancellationToken)
    {
        Gate gate;
        lock (_lock)
        {
            if (!_gates.TryGetValue(key, out gate!))
            {
                gate = new Gate(this, key);
                _gates[key] = gate;
            }

            gate.Users++;
        }

        try
        {
            await gate.Semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(gate);
            throw;
        }

        return gate.Holder();
    }

    private void Leave(Gate gate)
    {
        lock (_lock)
        {
            if (--gate.Users == 0)
            {
                _gates.Remove(gate.Key);
                gate.Semaphore.Dispose();
            }
        }
    }

    private sealed class Gate(RefreshGates owner, TokenKey key)
    {
        public TokenKey Key { get; } = key;

        public SemaphoreSlim Semaphore { get; } = new(1, 1);

        /// <summary>Callers holding or waiting for this gate (under the owner's lock).</summary>
        public int Users { get; set; }

        public IDisposable Holder() => new Held(this);

        private sealed class Held(Gate gate) : IDisposable
        {
            private int _disposed;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref _disposed, 1) == 0)
                {
                    gate.Semaphore.Release();
                    gate.Leave();
                }
            }
        }

        private void Leave() => owner.Leave(this);
    }
}
