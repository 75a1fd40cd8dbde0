namespace WeChatDomains.Core.Leasing;

/// <summary>
/// One async lock per key in this process, created on first use and dropped when nobody holds or waits for it, so the
/// locks do not grow with the keys ever seen (issue 16): one token refresh per key, one message per authorizer at a time
/// in the Host's intake. Thread-safe.
/// </summary>
/// <typeparam name="TKey">The key.</typeparam>
public sealed class KeyedLocks<TKey>(IEqualityComparer<TKey>? comparer = null)
    where TKey : notnull
{
    private readonly Dictionary<TKey, Entry> _entries = new(comparer);

    /// <summary>Keys held or waited for now.</summary>
    public int Count
    {
        get
        {
            lock (_entries)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Waits for the lock of <paramref name="key"/>; disposing the result lets the next caller in.</summary>
    public async Task<IDisposable> AcquireAsync(TKey key, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(key, out entry!))
            {
                entry = new Entry();
                _entries.Add(key, entry);
            }

            entry.Users++;
        }

        try
        {
            await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(key, entry);
            throw;
        }

        return new Releaser(this, key, entry);
    }

    private void Leave(TKey key, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(key);
                entry.Gate.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        /// <summary>Callers holding or waiting for this lock (under the owner's lock).</summary>
        public int Users { get; set; }
    }

    private sealed class Releaser(KeyedLocks<TKey> owner, TKey key, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                entry.Gate.Release();
                owner.Leave(key, entry);
            }
        }
    }
}
