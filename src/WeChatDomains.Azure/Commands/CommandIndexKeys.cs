using System.Globalization;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Azure.Commands;

/// <summary>One pointer row of the <c>commandindex</c> table.</summary>
internal readonly record struct IndexPointer(string PartitionKey, string RowKey, DeferralWake? WakeBy = null);

/// <summary>
/// Keys of the <c>commandindex</c> pointer rows; each row's RK is <c>{ticks:D19}|{commandId}</c>, so a partition sorts by time.
/// <list type="bullet">
/// <item><c>auth|{authorizerKey}</c>, RK by inverted creation ticks (newest first); written when the command is first
/// received (with its lane join, <see cref="CommandLanes"/>, whose rows share this partition after these), or when it is
/// stored final without having been received.</item>
/// <item><c>state|Failed|{shard:D2}</c>, RK by completion ticks; present while the record is Failed.</item>
/// <item><c>state|Deferred|{shard:D2}</c>, RK by next-attempt ticks, with a <c>WakeBy</c> property; present while the record is Deferred.</item>
/// </list>
/// A state's rows spread over <see cref="StateShards"/> partitions, the shard chosen by the commandId
/// (<see cref="Shard"/>); a reader queries them all and merges by RowKey, which sorts by time then commandId in every
/// partition alike. Rows stored before, in one partition per state (<c>state|Failed</c>, <c>state|Deferred</c>), move to
/// their shard once at start (<see cref="StatePartitionMigration"/>).
/// The record stays the truth: a row is valid only while <see cref="StatePointers"/> of the record still yields it.
/// </summary>
internal static class CommandIndexKeys
{
    /// <summary>
    /// Partitions each state's rows spread over. In one partition every deferral and failure of the fleet was a write
    /// to it, and a partition serves about 2,000 entities/s; 8 keeps a dashboard page or a release scan at 8 small queries
    /// run in parallel. Part of the stored layout: a row is found only under the shard this number gives its commandId,
    /// so changing it needs a move of the rows like <see cref="StatePartitionMigration"/>.
    /// </summary>
    public const int StateShards = 8;

    /// <summary>The authorizer key of platform-level commands (no authorizer appid).</summary>
    public const string ComponentKey = "component";

    public const string CommandIdProperty = "CommandId";
    public const string WakeByProperty = "WakeBy";

    /// <summary>The states whose commands are indexed by time.</summary>
    public static IReadOnlyList<CommandState> IndexedStates { get; } = [CommandState.Failed, CommandState.Deferred];

    public static string AuthorizerKey(CommandRecord record) => record.AuthorizerAppId ?? ComponentKey;

    public static string AuthorizerPartition(string authorizerKey) => "auth|" + authorizerKey;

    /// <summary>The partition of <paramref name="state"/>'s rows of <paramref name="shard"/>.</summary>
    public static string StatePartition(CommandState state, int shard) =>
        string.Create(CultureInfo.InvariantCulture, $"state|{state}|{shard:D2}");

    /// <summary>Every partition of <paramref name="state"/>'s rows, shard 0 first.</summary>
    public static IEnumerable<string> StatePartitions(CommandState state) =>
        Enumerable.Range(0, StateShards).Select(shard => StatePartition(state, shard));

    /// <summary>The one partition that held <paramref name="state"/>'s rows before <see cref="StateShards"/>.</summary>
    public static string LegacyStatePartition(CommandState state) => "state|" + state;

    /// <summary>The shard of <paramref name="commandId"/> (<see cref="ShardedPartitions.Shard"/>).</summary>
    public static int Shard(string commandId) => ShardedPartitions.Shard(commandId, StateShards);

    public static string Ticks(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture);

    public static string Ticks(DateTimeOffset time) => Ticks(time.UtcTicks);

    /// <summary>Whether <paramref name="rowKey"/> has the form of a state row's key (<c>{ticks:D19}|{commandId}</c>).</summary>
    public static bool IsStateRowKey(string rowKey) =>
        rowKey.Length > 20 && rowKey[19] == '|' && rowKey.AsSpan(0, 19).IndexOfAnyExceptInRange('0', '9') < 0;

    public static IndexPointer Authorizer(CommandRecord record) => new(
        AuthorizerPartition(AuthorizerKey(record)),
        Ticks(DateTimeOffset.MaxValue.UtcTicks - record.CreatedAt.UtcTicks) + "|" + record.CommandId);

    /// <summary>The state pointers the record should have now.</summary>
    public static List<IndexPointer> StatePointers(CommandRecord record)
    {
        var pointers = new List<IndexPointer>(2);
        var shard = Shard(record.CommandId);
        if (record is { State: CommandState.Deferred, NextAttemptAt: { } due })
        {
            pointers.Add(new(StatePartition(CommandState.Deferred, shard), Row(due, record), record.WakeBy ?? DeferralWake.Timer));
        }

        if (record.State == CommandState.Failed)
        {
            pointers.Add(new(StatePartition(CommandState.Failed, shard), Row(record.CompletedAt ?? record.CreatedAt, record)));
        }

        return pointers;
    }

    /// <summary>Whether the record still yields the pointer at this key (the row is not stale).</summary>
    public static bool Holds(CommandRecord? record, string partitionKey, string rowKey) =>
        record is not null && StatePointers(record).Exists(p => p.PartitionKey == partitionKey && p.RowKey == rowKey);

    private static string Row(DateTimeOffset time, CommandRecord record) => Ticks(time) + "|" + record.CommandId;
}
