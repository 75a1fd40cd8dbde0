using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Azure.Authorizers;

/// <summary>
/// Rows of the <c>authorizers</c> table: PK = appid with RK = <c>authorizer|{appid}</c> (the record) or
/// <c>ledger|yyyy-MM|{appid}</c> (<see cref="RowKeys"/>);
/// PK = <c>state|{state}|{shard:D2}</c>, RK = appid for the by-state index (<see cref="CountedStateIndex"/>). Permission ids are a JSON array; domain lists (the effective
/// view and each source: third, direct, mp) span up to
/// <see cref="TableStorageConstants.DomainsMaxChunks"/> properties each.
/// </summary>
internal static class AuthorizerEntityMapper
{
    /// <summary>The kind of the record row, and the RowKey of a record stored before <see cref="RowKeys"/>.</summary>
    public const string RecordKind = "authorizer";

    /// <summary>The start of a ledger row's RowKey.</summary>
    public const string LedgerPrefix = "ledger|";

    public static string RecordRowKey(string appId) => RowKeys.Of(RecordKind, appId);

    public static string LedgerRowKey(string appId, string month) => RowKeys.Of(LedgerPrefix + month, appId);

    /// <summary>The rows of this table <see cref="RowKeyMigration"/> moves.</summary>
    public static IReadOnlyList<string> LegacyRowFilters { get; } =
        [TableClient.CreateQueryFilter($"RowKey eq {RecordKind}"), RowKeys.StartingWith(LedgerPrefix)];

    /// <summary>The partition of <paramref name="state"/>'s by-state rows of <paramref name="shard"/>.</summary>
    public static string StatePartition(AuthorizerState state, int shard) =>
        string.Create(CultureInfo.InvariantCulture, $"{LegacyStatePartition(state)}|{shard:D2}");

    /// <summary>The one partition that held <paramref name="state"/>'s by-state rows before <see cref="CountedStateIndex.PartitionShards"/>.</summary>
    public static string LegacyStatePartition(AuthorizerState state) => "state|" + state;

    public static TableEntity ToEntity(AuthorizerRecord record)
    {
        var entity = new TableEntity(record.AppId, RecordRowKey(record.AppId))
        {
            [nameof(AuthorizerRecord.State)] = record.State.ToString(),
            [nameof(AuthorizerRecord.PermissionSetIds)] = JsonSerializer.Serialize(record.PermissionSetIds),
        };
        Set(entity, nameof(AuthorizerRecord.AccessTokenExpiresAt), record.AccessTokenExpiresAt);
        Set(entity, nameof(AuthorizerRecord.LastRefreshAt), record.LastRefreshAt);
        Set(entity, nameof(AuthorizerRecord.LastRefreshErrorCode), record.LastRefreshErrorCode);
        Set(entity, nameof(AuthorizerRecord.LastRefreshError), LargeStringProperty.Fit(record.LastRefreshError));
        Set(entity, nameof(AuthorizerRecord.AuthorizedAt), record.AuthorizedAt);
        Set(entity, nameof(AuthorizerRecord.LastAuthorizationEventAt), record.LastAuthorizationEventAt);
        Set(entity, nameof(AuthorizerRecord.DomainsObservedAt), record.DomainsObservedAt);
        foreach (var (name, value) in DomainLists(record))
        {
            LargeStringProperty.Write(entity, name, value, TableStorageConstants.DomainsMaxChunks);
        }

        return entity;
    }

    /// <summary>The domain properties of the record alone, for a merge that leaves the other fields as they are.</summary>
    public static TableEntity DomainsPatch(string appId, DomainsPatch patch, DateTimeOffset observedAt)
    {
        var entity = new TableEntity(appId, RecordRowKey(appId)) { [nameof(AuthorizerRecord.DomainsObservedAt)] = observedAt };
        foreach (var (name, value) in patch.Lists())
        {
            LargeStringProperty.WriteReplacing(entity, name, value, TableStorageConstants.DomainsMaxChunks);
        }

        return entity;
    }

    private static (string Name, string? Value)[] DomainLists(AuthorizerRecord record) =>
    [
        (nameof(AuthorizerRecord.ServerDomains), record.ServerDomains),
        (nameof(AuthorizerRecord.WebviewDomains), record.WebviewDomains),
        (nameof(AuthorizerRecord.ThirdServerDomains), record.ThirdServerDomains),
        (nameof(AuthorizerRecord.ThirdWebviewDomains), record.ThirdWebviewDomains),
        (nameof(AuthorizerRecord.DirectServerDomains), record.DirectServerDomains),
        (nameof(AuthorizerRecord.DirectWebviewDomains), record.DirectWebviewDomains),
        (nameof(AuthorizerRecord.MpServerDomains), record.MpServerDomains),
        (nameof(AuthorizerRecord.MpWebviewDomains), record.MpWebviewDomains),
    ];

    public static AuthorizerRecord ToRecord(TableEntity entity) => new()
    {
        AppId = entity.PartitionKey,
        State = Enum.Parse<AuthorizerState>(entity.GetString(nameof(AuthorizerRecord.State))),
        AccessTokenExpiresAt = entity.GetDateTimeOffset(nameof(AuthorizerRecord.AccessTokenExpiresAt)),
        LastRefreshAt = entity.GetDateTimeOffset(nameof(AuthorizerRecord.LastRefreshAt)),
        LastRefreshErrorCode = entity.GetInt32(nameof(AuthorizerRecord.LastRefreshErrorCode)),
        LastRefreshError = entity.GetString(nameof(AuthorizerRecord.LastRefreshError)),
        AuthorizedAt = entity.GetDateTimeOffset(nameof(AuthorizerRecord.AuthorizedAt)),
        LastAuthorizationEventAt = entity.GetDateTimeOffset(nameof(AuthorizerRecord.LastAuthorizationEventAt)),
        PermissionSetIds = JsonSerializer.Deserialize<int[]>(entity.GetString(nameof(AuthorizerRecord.PermissionSetIds)) ?? "[]") ?? [],
        ServerDomains = LargeStringProperty.Read(entity, nameof(AuthorizerRecord.ServerDomains)),
        WebviewDomains = LargeStringProperty.Read(entity, nameof(AuthorizerRecord.WebviewDomains)),
        ThirdServerDomains = LargeStringProperty.Read(entity, nameof(AuthorizerRecord.ThirdServerDomains)),
        ThirdWebviewDomains = LargeStringProperty.Read(entity, nameof(AuthorizerRecord.ThirdWebviewDomains)),
        DirectServerDomains = LargeStringProperty.Read(entity, nameof(AuthorizerRecord.DirectServerDomains)),
        DirectWebviewDomains = LargeStringProperty.Read(entity, nameof(AuthorizerRecord.DirectWebviewDomains)),
        MpServerDomains = LargeStringProperty.Read(entity, nameof(AuthorizerRecord.MpServerDomains)),
        MpWebviewDomains = LargeStringProperty.Read(entity, nameof(AuthorizerRecord.MpWebviewDomains)),
        DomainsObservedAt = entity.GetDateTimeOffset(nameof(AuthorizerRecord.DomainsObservedAt)),
        ETag = entity.ETag.ToString(),
    };

    /// <summary>A ledger row's property naming the write that made it (see <c>TableAuthorizerRegistry.TryWriteLedgerAsync</c>).</summary>
    public const string WriteIdProperty = "WriteId";

    public static TableEntity ToEntity(QuotaLedger ledger) => new(ledger.AppId, LedgerRowKey(ledger.AppId, ledger.Month))
    {
        [nameof(QuotaLedger.Month)] = ledger.Month,
        [nameof(QuotaLedger.Used)] = ledger.Used,
        [nameof(QuotaLedger.Spent)] = ledger.Spent,
    };

    public static QuotaLedger ToLedger(TableEntity entity) => new()
    {
        AppId = entity.PartitionKey,
        Month = entity.GetString(nameof(QuotaLedger.Month)),
        Used = entity.GetInt32(nameof(QuotaLedger.Used)) ?? 0,
        Spent = entity.GetBoolean(nameof(QuotaLedger.Spent)) ?? false,
        ETag = entity.ETag.ToString(),
    };

    /// <summary>Whether <paramref name="month"/> is a <c>yyyy-MM</c> month.</summary>
    public static bool IsMonth(string month) =>
        month.Length == 7 && DateTime.TryParseExact(month, "yyyy-MM", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static void Set(TableEntity entity, string name, object? value)
    {
        if (value is not null)
        {
            entity[name] = value;
        }
    }
}
