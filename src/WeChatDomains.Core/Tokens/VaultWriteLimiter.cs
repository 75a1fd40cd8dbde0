using Microsoft.Extensions.Options;

namespace WeChatDomains.Core.Tokens;

/// <summary>
/// A sliding-window limiter on vault writes, driven by the injected <see cref="TimeProvider"/>: in any window of
/// <see cref="TokenOptions.VaultWriteWindow"/> at most <see cref="TokenOptions.VaultWritesPerWindow"/> writes start.
/// Key Vault allows 300 secret writes per 10 s per vault; the default 250 leaves room for pushes and operators.
/// One instance per process (System.Threading.RateLimiting takes no TimeProvider, hence this small one).
/// </summary>
public sealed class VaultWriteLimiter
{
    private readonly Queue<DateTimeOffset> _grants = new();
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly int _limit;
    private readonly TimeSpan _window;

    /// <summary>Creates the limiter from the token options.</summary>
    public VaultWriteLimiter(IOptions<TokenOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _limit = options.Value.VaultWritesPerWindow;
        _window = options.Value.VaultWriteWindow;
    }

    /// <summary>Waits until one more write fits in the window, and takes it.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken = default)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                while (_grants.Count > 0 && _grants.Peek() <= now - _window)
                {
                    _grants.Dequeue();
                }

                if (_grants.Count < _limit)
                {
                    _grants.Enqueue(now);
                    return;
                }

                wait = _grants.Peek() + _window - now;
            }

            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }
}
