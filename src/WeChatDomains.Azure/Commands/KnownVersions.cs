using System.Collections.Concurrent;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Azure.Commands;

/// <summary>A record version this store read or wrote, and whether this store wrote its pointer rows itself.</summary>
internal sealed record KnownVersion(CommandRecord Record, bool PointersWritten);

/// <summary>
/// The latest version of each unfinished record this store read or wrote, so a replace by the caller holding that very
/// version (same ETag) does not read it again, and does not rewrite pointer rows this store has just written. Only an
/// ETag match is trusted: a version changed elsewhere has another ETag and is read from the table, as without this.
/// Bounded: past <see cref="Capacity"/> entries it starts again empty (only a read more is lost).
/// </summary>
internal sealed class KnownVersions
{
    public const int Capacity = 8192;

    private readonly ConcurrentDictionary<string, KnownVersion> _versions = new(StringComparer.Ordinal);

    /// <summary>The known version of <paramref name="commandId"/> with <paramref name="etag"/>, or null.</summary>
    public KnownVersion? Find(string commandId, string? etag) =>
        etag is not null && _versions.TryGetValue(commandId, out var known) && known.Record.ETag == etag ? known : null;

    /// <summary>The latest known version of <paramref name="commandId"/>, or null.</summary>
    public KnownVersion? Latest(string commandId) => _versions.TryGetValue(commandId, out var known) ? known : null;

    /// <summary>Remembers a version read from the table (its pointer rows may be missing after a crash).</summary>
    public void Read(CommandRecord record) => Remember(record, pointersWritten: false);

    /// <summary>Remembers a version this store wrote, pointer rows included.</summary>
    public void Written(CommandRecord record) => Remember(record, pointersWritten: true);

    /// <summary>Forgets <paramref name="commandId"/> (its stored version moved on).</summary>
    public void Forget(string commandId) => _versions.TryRemove(commandId, out _);

    private void Remember(CommandRecord record, bool pointersWritten)
    {
        if (record.State.IsFinal())
        {
            Forget(record.CommandId);
            return;
        }

        if (_versions.Count >= Capacity)
        {
            _versions.Clear();
        }

        _versions[record.CommandId] = new KnownVersion(record, pointersWritten);
    }
}
