using System.Collections.Concurrent;

namespace WeChatDomains.Sandbox.Wire;

/// <summary>Calls received per api, faulted ones included.</summary>
internal sealed class CallCounter
{
    private readonly ConcurrentDictionary<string, long> _calls = new(StringComparer.Ordinal);

    public void Record(string api) => _calls.AddOrUpdate(api, 1, (_, n) => n + 1);

    public SortedDictionary<string, long> Snapshot() => new(_calls, StringComparer.Ordinal);

    public void Clear() => _calls.Clear();
}
