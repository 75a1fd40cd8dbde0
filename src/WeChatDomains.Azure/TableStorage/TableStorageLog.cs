using Microsoft.Extensions.Logging;

namespace WeChatDomains.Azure.TableStorage;

/// <summary>Log messages of the Table Storage adapters (event ids 3100-3199).</summary>
internal static partial class TableStorageLog
{
    [LoggerMessage(EventId = 3100, Level = LogLevel.Debug, Message = "Removed stale index row {PartitionKey}/{RowKey} of {Table}")]
    public static partial void StalePointerRemoved(ILogger logger, string table, string partitionKey, string rowKey);

    [LoggerMessage(EventId = 3101, Level = LogLevel.Information, Message = "Command {CommandId} already exists; its index rows were brought in line")]
    public static partial void DuplicateInsert(ILogger logger, string commandId);

    [LoggerMessage(EventId = 3102, Level = LogLevel.Information, Message = "Removed ended command {CommandId} from the order lane of {AuthorizerKey} and {Api} (its own removal was lost)")]
    public static partial void EndedLaneEntryRemoved(ILogger logger, string commandId, string authorizerKey, string api);
}
