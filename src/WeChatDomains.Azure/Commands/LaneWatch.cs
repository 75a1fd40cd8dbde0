using System.Collections.Concurrent;

namespace WeChatDomains.Azure.Commands;

/// <summary>
/// What this process knows of each running command's lane, so that its end can skip the nudge's lane query
/// (<see cref="TableCommandStore.MayHaveFollowers"/>): the ETag of the lane row it wrote, whether the lane check of the
/// current run saw any row after it, and whether the row was still as written when the end removed it (a command held
/// back behind it since marks the row, which changes its ETag). Bounded: past <see cref="KnownVersions.Capacity"/>
/// commands it starts again empty (only a query more is lost).
/// </summary>
internal sealed class LaneWatch
{
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>The ETag of the lane row this process wrote for <paramref name="commandId"/>, if it did.</summary>
    public string? ETagOf(string commandId) => _entries.TryGetValue(commandId, out var entry) ? entry.ETag : null;

    /// <summary>This process wrote the command's lane row.</summary>
    public void Written(string commandId, string etag) => Update(commandId, e => e with { ETag = etag });

    /// <summary>A new run or a deferral: what an earlier lane check saw no longer holds.</summary>
    public void NewRun(string commandId) => Update(commandId, e => e with { Followers = null, Untouched = null });

    /// <summary>The lane check of the current run saw (or did not see) rows after the command's.</summary>
    public void Checked(string commandId, bool followers) => Update(commandId, e => e with { Followers = followers });

    /// <summary>The command's end removed its lane row, which was (or was not) still as this process wrote it.</summary>
    public void Removed(string commandId, bool untouched) => Update(commandId, e => e with { Untouched = untouched });

    /// <summary>
    /// False only when the current run's lane check saw no row after the command's and its end removed the row
    /// untouched; true otherwise. Forgets the command.
    /// </summary>
    public bool MayHaveFollowers(string commandId) =>
        !_entries.TryRemove(commandId, out var entry) || entry.Followers != false || entry.Untouched != true;

    private void Update(string commandId, Func<Entry, Entry> change)
    {
        if (_entries.Count >= KnownVersions.Capacity)
        {
            _entries.Clear();
        }

        _entries.AddOrUpdate(commandId, _ => change(new Entry(null, null, null)), (_, e) => change(e));
    }

    private sealed record Entry(string? ETag, bool? Followers, bool? Untouched);
}
