using System.Collections.Concurrent;

namespace WeChatDomains.Bench.Infra;

/// <summary>Every line a child process wrote, kept for the secrets scan and for failure reports.</summary>
internal sealed class LogSink
{
    private readonly ConcurrentQueue<string> _lines = new();

    public int Count => _lines.Count;

    public void Add(string? line)
    {
        if (line is not null)
        {
            _lines.Enqueue(line);
        }
    }

    public IReadOnlyList<string> Lines => [.. _lines];

    public string Tail(int count) => string.Join('\n', _lines.TakeLast(count));
}
