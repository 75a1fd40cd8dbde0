using Microsoft.Extensions.Logging;

namespace WeChatDomains.Bench.Scenarios.Sweep;

/// <summary>Counts the sweep's pull-forwards from its log (event 3028) and the refreshes each pulled.</summary>
internal sealed class PullForwardCounter : ILoggerProvider, ILogger
{
    private const int PulledForwardEventId = 3028;
    private int _lookaheads;
    private long _refreshes;

    /// <summary>Lookaheads that pulled refreshes forward.</summary>
    public int Lookaheads => Volatile.Read(ref _lookaheads);

    /// <summary>Refreshes they pulled forward.</summary>
    public long Refreshes => Interlocked.Read(ref _refreshes);

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (eventId.Id != PulledForwardEventId || state is not IReadOnlyList<KeyValuePair<string, object?>> fields)
        {
            return;
        }

        Interlocked.Increment(ref _lookaheads);
        Interlocked.Add(ref _refreshes, fields.Where(f => f.Key == "Refreshes").Select(f => Convert.ToInt64(f.Value, System.Globalization.CultureInfo.InvariantCulture)).FirstOrDefault());
    }

    public void Dispose()
    {
    }
}
