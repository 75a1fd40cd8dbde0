using Microsoft.Extensions.Options;
using WeChatDomains.Core.Ports;

namespace WeChatDomains.Core.Tokens;

/// <summary>
/// A sliding-window limiter on vault writes, driven by the injected <see cref="TimeProvider"/>: in any window of
/// <see cref="TokenOptions.VaultWriteWindow"/> at most <see cref="TokenOptions.VaultWritesPerWindow"/> writes start.
/// Key Vault allows 300 secret writes per 10 s per vault; the default 250 leaves room for pushes and operators.
/// One instance per process (System.Threading.RateLimiting takes no TimeProvider, hence this small one). When an
/// <see cref="IVaultWriteBudget"/> is registered, each write also claims from the budget shared by all instances,
/// waiting for the next one-second bucket while the current one is spent.
/// </summary>
public sealed class VaultWriteLimiter
{
    private readonly Queue<DateTimeOffset> _grants = new();
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly IVaultWriteBudget? _shared;

    /// <summary>Creates the limiter from the token options, with the budget shared across instances when there is one.</summary>
    public VaultWriteLimiter(IOptions<TokenOptions> options, TimeProvider time, IVaultWriteBudget? shared = null)
    {
        _shared = shared;
        ArgumentNullException.ThrowIfNull(options);
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _limit = options.Value.VaultWritesPerWindow;
        _window = options.Value.VaultWriteWindow;
    }

    /// <summary>Waits until one more write fits in the window (and in the shared budget), and takes it.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken = default)
    {
        await WaitLocalAsync(cancellationToken).ConfigureAwait(false);
        while (_shared is not null && !await _shared.TryClaimAsync(cancellationToken).ConfigureAwait(false))
        {
            var now = _time.GetUtcNow();
            var next = TimeSpan.TicksPerSecond - (now.UtcTicks % TimeSpan.TicksPerSecond);
            await Task.Delay(TimeSpan.FromTicks(next), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task WaitLocalAsync(CancellationToken cancellationToken)
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
