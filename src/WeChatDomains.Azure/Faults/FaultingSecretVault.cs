using Azure;
using Microsoft.Extensions.Logging;
using WeChatDomains.Core.Ports;

namespace WeChatDomains.Azure.Faults;

/// <summary>
/// A vault whose writes fail as a throttled or broken Key Vault's do (<see cref="VaultFaultOptions"/>): a 429 or a 503
/// before the write reaches the vault, a 500 or a reset connection after the vault applied it, each as the
/// <see cref="RequestFailedException"/> the Key Vault SDK throws. Wraps the real vault; for drills and tests only.
/// </summary>
public sealed partial class FaultingSecretVault : ISecretVault
{
    private readonly ISecretVault _inner;
    private readonly double _rate;
    private readonly Random _random;
    private readonly ILogger _logger;
    private long _writes;
    private long _injected;

    /// <summary>Wraps <paramref name="inner"/> with the rate and seed of <paramref name="options"/>.</summary>
    public FaultingSecretVault(ISecretVault inner, VaultFaultOptions options, ILogger<FaultingSecretVault> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _inner = inner ?? throw new ArgumentNullException(nameof(inner));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _rate = options.Rate;
        _random = new Random(options.Seed);
    }

    /// <summary>The kinds of fault, each drawn with the same probability.</summary>
    public enum Fault
    {
        /// <summary>No fault.</summary>
        None,

        /// <summary>429 Too Many Requests before the write reaches the vault.</summary>
        ThrottledBefore,

        /// <summary>503 before the write reaches the vault.</summary>
        UnavailableBefore,

        /// <summary>The vault applied the write; the answer is a 500.</summary>
        InternalErrorAfter,

        /// <summary>The vault applied the write; the connection was reset before the answer.</summary>
        ResetAfter,
    }

    /// <summary>Writes (sets and deletes) attempted so far.</summary>
    public long Writes => Interlocked.Read(ref _writes);

    /// <summary>Faults injected so far.</summary>
    public long Injected => Interlocked.Read(ref _injected);

    /// <inheritdoc />
    public Task<VaultSecret?> GetAsync(string name, CancellationToken cancellationToken = default) => _inner.GetAsync(name, cancellationToken);

    /// <inheritdoc />
    public Task SetAsync(string name, string value, DateTimeOffset? expiresOn, CancellationToken cancellationToken = default) =>
        WriteAsync("set", name, () => _inner.SetAsync(name, value, expiresOn, cancellationToken));

    /// <inheritdoc />
    public Task DeleteAsync(string name, CancellationToken cancellationToken = default) =>
        WriteAsync("delete", name, () => _inner.DeleteAsync(name, cancellationToken));

    private async Task WriteAsync(string operation, string name, Func<Task> write)
    {
        Interlocked.Increment(ref _writes);
        var fault = Draw();
        if (fault is Fault.None)
        {
            await write().ConfigureAwait(false);
            return;
        }

        Interlocked.Increment(ref _injected);
        LogInjected(_logger, fault, operation, name);
        switch (fault)
        {
            case Fault.ThrottledBefore:
                throw new RequestFailedException(429, "Injected vault fault: too many requests.", "Throttled", null);
            case Fault.UnavailableBefore:
                throw new RequestFailedException(503, "Injected vault fault: service unavailable.", "ServiceUnavailable", null);
        }

        await write().ConfigureAwait(false);
        throw fault is Fault.InternalErrorAfter
            ? new RequestFailedException(500, "Injected vault fault: internal error after the write was applied.", "InternalError", null)
            : new RequestFailedException("Injected vault fault: the connection was reset after the write was applied.", new IOException("Connection reset by peer (injected)."));
    }

    private Fault Draw()
    {
        if (_rate <= 0)
        {
            return Fault.None;
        }

        lock (_random)
        {
            var draw = _random.NextDouble();
            var kind = _random.Next(1, 5);
            return draw < _rate ? (Fault)kind : Fault.None;
        }
    }

    [LoggerMessage(3210, LogLevel.Debug, "Injected vault fault {Fault} on {Operation} of secret {SecretName}")]
    private static partial void LogInjected(ILogger logger, Fault fault, string operation, string secretName);
}
