using Azure.Data.Tables;
using WeChatDomains.Azure.Commands;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Azure.Tests.Commands;

internal static class CommandStoreTestData
{
    public const string AppId = "wx1234567890abcdef";

    /// <summary>A time with sub-millisecond ticks, so round trips prove full precision.</summary>
    public static readonly DateTimeOffset T0 = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

    public static CommandRecord NewCommand(string? appId = AppId, DateTimeOffset? createdAt = null, string api = "modify_domain") => new()
    {
        CommandId = "cmd-" + Guid.NewGuid().ToString("N")[..12],
        Api = api,
        Action = "add",
        AuthorizerAppId = appId,
        RequestedBy = "tests",
        Body = """{"action":"add","requestdomain":["https://api.example.com"]}""",
        State = CommandState.Accepted,
        CreatedAt = createdAt ?? T0,
    };

    public static CommandRecord Deferred(CommandRecord record, DateTimeOffset due, DeferralWake wake = DeferralWake.Timer) =>
        record with { State = CommandState.Deferred, NextAttemptAt = due, WakeBy = wake, Reason = "waiting" };

    /// <summary>The partition of <paramref name="commandId"/>'s pointer row while its record is in <paramref name="state"/>.</summary>
    public static string StatePartition(CommandState state, string commandId) =>
        CommandIndexKeys.StatePartition(state, CommandIndexKeys.Shard(commandId));

    /// <summary>The partitions of the index rows pointing at <paramref name="commandId"/> (a scan; tests only).</summary>
    public static async Task<List<string>> PointerPartitionsAsync(TableStorageTables tables, string commandId)
    {
        var partitions = new List<string>();
        await foreach (var row in tables.CommandIndex.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"CommandId eq {commandId}")))
        {
            partitions.Add(row.PartitionKey);
        }

        partitions.Sort(StringComparer.Ordinal);
        return partitions;
    }

    /// <summary>The commands the lane row of <paramref name="api"/> lists, as stored.</summary>
    public static async Task<List<string>> LaneAsync(TableStorageTables tables, string api, string authorizerKey = AppId) =>
        [.. (await new CommandLanes(tables.CommandIndex, TimeProvider.System).ReadAsync(new LaneKey(authorizerKey, api), CancellationToken.None)).CommandIds];
}
