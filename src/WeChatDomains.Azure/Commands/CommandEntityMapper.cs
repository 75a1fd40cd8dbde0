using System.Globalization;
using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Status;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Azure.Commands;

/// <summary>
/// Rows of the <c>commands</c> table: PK = commandId, RK = <c>command|{commandId}</c> (the record) or
/// <c>attempt|0001|{commandId}</c>, ... (<see cref="RowKeys"/>).
/// Enums are stored by name, times as Edm.DateTime, latency as ticks. <c>Body</c> and <c>Response</c> are split over
/// several properties when long (see <see cref="LargeStringProperty"/>); error messages and reasons are cut to one.
/// </summary>
internal static class CommandEntityMapper
{
    /// <summary>The kind of the record row, and the RowKey of a record stored before <see cref="RowKeys"/>.</summary>
    public const string RecordKind = "command";

    public const string AttemptRowKeyPrefix = "attempt|";

    public static string RecordRowKey(string commandId) => RowKeys.Of(RecordKind, commandId);

    public static string AttemptRowKey(string commandId, int number) =>
        RowKeys.Of(AttemptRowKeyPrefix + number.ToString("D4", CultureInfo.InvariantCulture), commandId);

    /// <summary>The rows of this table <see cref="RowKeyMigration"/> moves.</summary>
    public static IReadOnlyList<string> LegacyRowFilters { get; } =
        [TableClient.CreateQueryFilter($"RowKey eq {RecordKind}"), RowKeys.StartingWith(AttemptRowKeyPrefix)];

    public static TableEntity ToEntity(CommandRecord record)
    {
        var entity = new TableEntity(record.CommandId, RecordRowKey(record.CommandId))
        {
            [nameof(CommandRecord.Api)] = record.Api,
            [nameof(CommandRecord.State)] = record.State.ToString(),
            [nameof(CommandRecord.Attempts)] = record.Attempts,
            [nameof(CommandRecord.NoChange)] = record.NoChange,
            [nameof(CommandRecord.CallInFlight)] = record.CallInFlight,
            [nameof(CommandRecord.CreatedAt)] = record.CreatedAt,
        };
        Set(entity, nameof(CommandRecord.Action), record.Action);
        Set(entity, nameof(CommandRecord.AuthorizerAppId), record.AuthorizerAppId);
        Set(entity, nameof(CommandRecord.RequestedBy), LargeStringProperty.Fit(record.RequestedBy));
        Set(entity, nameof(CommandRecord.LastErrorCode), record.LastErrorCode);
        Set(entity, nameof(CommandRecord.LastErrorMessage), LargeStringProperty.Fit(record.LastErrorMessage));
        Set(entity, nameof(CommandRecord.Rid), record.Rid);
        Set(entity, nameof(CommandRecord.ErrorClass), record.ErrorClass?.ToString());
        Set(entity, nameof(CommandRecord.Reason), LargeStringProperty.Fit(record.Reason));
        Set(entity, nameof(CommandRecord.NextAttemptAt), record.NextAttemptAt);
        Set(entity, nameof(CommandRecord.WakeBy), record.WakeBy?.ToString());
        Set(entity, nameof(CommandRecord.LeaseUntil), record.LeaseUntil);
        Set(entity, nameof(CommandRecord.ReceivedAt), record.ReceivedAt);
        Set(entity, nameof(CommandRecord.CompletedAt), record.CompletedAt);
        LargeStringProperty.Write(entity, nameof(CommandRecord.Body), record.Body, TableStorageConstants.BodyMaxChunks);
        LargeStringProperty.Write(entity, nameof(CommandRecord.Response), record.Response, TableStorageConstants.ResponseMaxChunks);
        return entity;
    }

    public static CommandRecord ToRecord(TableEntity entity) => new()
    {
        CommandId = entity.PartitionKey,
        Api = entity.GetString(nameof(CommandRecord.Api)),
        Action = entity.GetString(nameof(CommandRecord.Action)),
        AuthorizerAppId = entity.GetString(nameof(CommandRecord.AuthorizerAppId)),
        RequestedBy = entity.GetString(nameof(CommandRecord.RequestedBy)),
        Body = LargeStringProperty.Read(entity, nameof(CommandRecord.Body)),
        State = Enum.Parse<CommandState>(entity.GetString(nameof(CommandRecord.State))),
        Attempts = entity.GetInt32(nameof(CommandRecord.Attempts)) ?? 0,
        LastErrorCode = entity.GetInt32(nameof(CommandRecord.LastErrorCode)),
        LastErrorMessage = entity.GetString(nameof(CommandRecord.LastErrorMessage)),
        Rid = entity.GetString(nameof(CommandRecord.Rid)),
        ErrorClass = ParseOrNull<WeChatErrorClass>(entity.GetString(nameof(CommandRecord.ErrorClass))),
        Reason = entity.GetString(nameof(CommandRecord.Reason)),
        NextAttemptAt = entity.GetDateTimeOffset(nameof(CommandRecord.NextAttemptAt)),
        WakeBy = ParseOrNull<DeferralWake>(entity.GetString(nameof(CommandRecord.WakeBy))),
        NoChange = entity.GetBoolean(nameof(CommandRecord.NoChange)) ?? false,
        CallInFlight = entity.GetBoolean(nameof(CommandRecord.CallInFlight)) ?? false,
        LeaseUntil = entity.GetDateTimeOffset(nameof(CommandRecord.LeaseUntil)),
        ReceivedAt = entity.GetDateTimeOffset(nameof(CommandRecord.ReceivedAt)),
        CreatedAt = entity.GetDateTimeOffset(nameof(CommandRecord.CreatedAt)) ?? default,
        CompletedAt = entity.GetDateTimeOffset(nameof(CommandRecord.CompletedAt)),
        Response = LargeStringProperty.Read(entity, nameof(CommandRecord.Response)),
        ETag = entity.ETag.ToString(),
    };

    public static TableEntity ToEntity(AttemptRecord attempt)
    {
        var entity = new TableEntity(attempt.CommandId, AttemptRowKey(attempt.CommandId, attempt.Number))
        {
            [nameof(AttemptRecord.Number)] = attempt.Number,
            [nameof(AttemptRecord.At)] = attempt.At,
            [nameof(AttemptRecord.Api)] = attempt.Api,
            [nameof(AttemptRecord.ErrorCode)] = attempt.ErrorCode,
            [nameof(AttemptRecord.ErrorClass)] = attempt.ErrorClass.ToString(),
            ["LatencyTicks"] = attempt.Latency.Ticks,
            [nameof(AttemptRecord.HttpAttempts)] = attempt.HttpAttempts,
        };
        Set(entity, nameof(AttemptRecord.ErrorMessage), LargeStringProperty.Fit(attempt.ErrorMessage));
        Set(entity, nameof(AttemptRecord.Rid), attempt.Rid);
        Set(entity, nameof(AttemptRecord.HttpStatus), attempt.HttpStatus);
        return entity;
    }

    public static AttemptRecord ToAttempt(TableEntity entity) => new()
    {
        CommandId = entity.PartitionKey,
        Number = entity.GetInt32(nameof(AttemptRecord.Number)) ?? 0,
        At = entity.GetDateTimeOffset(nameof(AttemptRecord.At)) ?? default,
        Api = entity.GetString(nameof(AttemptRecord.Api)),
        ErrorCode = entity.GetInt32(nameof(AttemptRecord.ErrorCode)) ?? 0,
        ErrorMessage = entity.GetString(nameof(AttemptRecord.ErrorMessage)),
        Rid = entity.GetString(nameof(AttemptRecord.Rid)),
        ErrorClass = Enum.Parse<WeChatErrorClass>(entity.GetString(nameof(AttemptRecord.ErrorClass))),
        HttpStatus = entity.GetInt32(nameof(AttemptRecord.HttpStatus)),
        Latency = TimeSpan.FromTicks(entity.GetInt64("LatencyTicks") ?? 0),
        HttpAttempts = entity.GetInt32(nameof(AttemptRecord.HttpAttempts)) ?? 1,
    };

    private static void Set(TableEntity entity, string name, object? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }

    private static T? ParseOrNull<T>(string? value)
        where T : struct, Enum =>
        value is null ? null : Enum.Parse<T>(value);
}
