using System.Globalization;
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
/// <item><c>state|Failed</c>, RK by completion ticks; present while the record is Failed.</item>
/// <item><c>state|Deferred</c>, RK by next-attempt ticks, with a <c>WakeBy</c> property; present while the record is Deferred.</item>
/// </list>
/// The record stays the truth: a row is valid only while <see cref="StatePointers"/> of the record still yields it.
/// </summary>
internal static class CommandIndexKeys
{
    /// <summary>The authorizer key of platform-level commands (no authorizer appid).</summary>
    public const string ComponentKey = "component";

    public const string CommandIdProperty = "CommandId";
    public const string WakeByProperty = "WakeBy";

    public static string AuthorizerKey(CommandRecord record) => record.AuthorizerAppId ?? ComponentKey;

    public static string AuthorizerPartition(string authorizerKey) => "auth|" + authorizerKey;

    public static string StatePartition(CommandState state) => "state|" + state;

    public static string Ticks(long ticks) => ticks.ToString("D19", CultureInfo.InvariantCulture);

    public static string Ticks(DateTimeOffset time) => Ticks(time.UtcTicks);

    public static IndexPointer Authorizer(CommandRecord record) => new(
        AuthorizerPartition(AuthorizerKey(record)),
        Ticks(DateTimeOffset.MaxValue.UtcTicks - record.CreatedAt.UtcTicks) + "|" + record.CommandId);

    /// <summary>The state pointers the record should have now.</summary>
    public static List<IndexPointer> StatePointers(CommandRecord record)
    {
        var pointers = new List<IndexPointer>(2);
        if (record is { State: CommandState.Deferred, NextAttemptAt: { } due })
        {
            pointers.Add(new(StatePartition(CommandState.Deferred), Row(due, record), record.WakeBy ?? DeferralWake.Timer));
        }

        if (record.State == CommandState.Failed)
        {
            pointers.Add(new(StatePartition(CommandState.Failed), Row(record.CompletedAt ?? record.CreatedAt, record)));
        }

        return pointers;
    }

    /// <summary>Whether the record still yields the pointer at this key (the row is not stale).</summary>
    public static bool Holds(CommandRecord? record, string partitionKey, string rowKey) =>
        record is not null && StatePointers(record).Exists(p => p.PartitionKey == partitionKey && p.RowKey == rowKey);

    private static string Row(DateTimeOffset time, CommandRecord record) => Ticks(time) + "|" + record.CommandId;
}
