using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using WeChatDomains.Azure.Authorizers;
using WeChatDomains.Azure.Commands;
using WeChatDomains.Azure.Leases;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Status;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Errors;
using static WeChatDomains.Azure.Tests.Commands.CommandStoreTestData;

namespace WeChatDomains.Azure.Tests.TableStorage;

/// <summary>Row keys that differ between partitions (Azurite's point reads and writes scanned every row sharing one), and the move of rows stored before.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class RowKeyMigrationTests(AzuriteFixture azurite)
{
    private const string Month = "2025-03";
    private const string LeaseName = "sweep";

    [Fact]
    public async Task Stores_RowsOfEveryKind_NoRowKeySharedByTwoPartitions()
    {
        var tables = TestTables.Create(azurite);
        foreach (var appId in new[] { "wxaaaaaaaaaaaaaaa1", "wxaaaaaaaaaaaaaaa2", "wxaaaaaaaaaaaaaaa3" })
        {
            await WriteOneOfEachAsync(tables, appId, "holder-" + appId, LeaseName + appId[^1]);
        }

        foreach (var table in All(tables))
        {
            var shared = (await RowsAsync(table)).GroupBy(r => r.RowKey).Where(g => g.Count() > 1)
                .Select(g => $"{g.Key} in {string.Join(", ", g.Select(r => r.PartitionKey))}").ToList();
            Assert.True(shared.Count == 0, $"{table.Name}: RowKeys shared by partitions: {string.Join("; ", shared)}");
        }
    }

    [Fact]
    public async Task EnsureCreatedAsync_RowsStoredWithTheKeysBefore_MovedOnceAndReadAsBefore()
    {
        var service = new TableServiceClient(azurite.ConnectionString);
        var source = TestTables.Create(azurite);
        var command = await WriteOneOfEachAsync(source, AppId, "holder-1", LeaseName);
        var prefix = AzuriteFixture.UniqueName("t");
        var copied = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var from in All(source))
        {
            var to = service.GetTableClient(prefix + from.Name[^LogicalName(from).Length..]);
            await to.CreateIfNotExistsAsync();
            copied[LogicalName(from)] = await CopyWithLegacyKeysAsync(from, to);
        }

        var tables = new TableStorageTables(service, prefix);
        var registry = new TableAuthorizerRegistry(tables, NullLogger<TableAuthorizerRegistry>.Instance);
        var commands = new TableCommandStore(tables, new FakeTimeProvider(T0), NullLogger<TableCommandStore>.Instance);
        var authorizer = await registry.GetAsync(AppId);
        var ledger = await registry.GetLedgerAsync(AppId, Month);
        var record = await commands.GetAsync(command.CommandId);
        var attempts = await commands.GetAttemptsAsync(command.CommandId);
        var lane = await commands.ListLaneAsync(AppId, command.Api, 8);
        var lease = await new TableLeaseStore(tables, new FakeTimeProvider(T0), "holder-2").TryAcquireAsync(LeaseName, TimeSpan.FromMinutes(1));

        Assert.All(copied, c => Assert.True(c.Value > 0, $"no row of {c.Key} was stored with a key of the layout before"));
        Assert.Equal(AuthorizerState.Active, authorizer?.State);
        Assert.Equal(3, ledger.Used);
        Assert.Equal(CommandState.Running, record?.State);
        Assert.Equal(1, Assert.Single(attempts).Number);
        Assert.Equal([command.CommandId], lane);
        Assert.Null(lease); // Still held by holder-1, as before the move.
        foreach (var table in All(tables))
        {
            var legacy = (await RowsAsync(table)).Where(r => RowKeys.IsLegacy(r) && LegacyKind(r.RowKey)).Select(r => $"{r.PartitionKey}/{r.RowKey}").ToList();
            Assert.True(legacy.Count == 0, $"{table.Name}: rows left under the keys before: {string.Join(", ", legacy)}");
        }
    }

    private static async Task<CommandRecord> WriteOneOfEachAsync(TableStorageTables tables, string appId, string holder, string leaseName)
    {
        var time = new FakeTimeProvider(T0);
        var registry = new TableAuthorizerRegistry(tables, NullLogger<TableAuthorizerRegistry>.Instance);
        await registry.TryUpsertAsync(new AuthorizerRecord { AppId = appId, State = AuthorizerState.Active, AuthorizedAt = T0, AccessTokenExpiresAt = T0.AddHours(2) });
        await registry.TryWriteLedgerAsync(new QuotaLedger { AppId = appId, Month = Month, Used = 3 });
        var commands = new TableCommandStore(tables, time, NullLogger<TableCommandStore>.Instance);
        var inserted = (await commands.TryInsertAsync(NewCommand(appId)))!;
        var running = (await commands.TryReplaceAsync(inserted with { State = CommandState.Running, ReceivedAt = T0 }))!;
        await commands.AddAttemptAsync(new AttemptRecord
        {
            CommandId = running.CommandId, Number = 1, At = T0, Api = running.Api, ErrorCode = 0, ErrorClass = WeChatErrorClass.Success, Latency = TimeSpan.FromMilliseconds(5),
        });
        Assert.NotNull(await new TableLeaseStore(tables, time, holder).TryAcquireAsync(leaseName, TimeSpan.FromMinutes(5)));
        return running;
    }

    /// <summary>Copies every row, those of a kind with one row per partition under the key they had before.</summary>
    private static async Task<int> CopyWithLegacyKeysAsync(TableClient from, TableClient to)
    {
        var legacy = 0;
        foreach (var row in await RowsAsync(from))
        {
            if (row.PartitionKey == LayoutMarker.Partition)
            {
                continue;
            }

            if (!RowKeys.IsLegacy(row))
            {
                row.RowKey = row.RowKey[..^(row.PartitionKey.Length + 1)];
                legacy++;
            }

            row.ETag = default;
            await to.AddEntityAsync(row);
        }

        return legacy;
    }

    private static bool LegacyKind(string rowKey) =>
        rowKey is "authorizer" or "command" or "lease" || rowKey.StartsWith("ledger|", StringComparison.Ordinal)
        || rowKey.StartsWith("attempt|", StringComparison.Ordinal) || rowKey.StartsWith("lane|", StringComparison.Ordinal);

    private static string LogicalName(TableClient table) =>
        new[] { TableStorageConstants.CommandIndexTable, TableStorageConstants.CommandsTable, TableStorageConstants.AuthorizersTable, TableStorageConstants.LeasesTable }
            .First(n => table.Name.EndsWith(n, StringComparison.Ordinal));

    private static TableClient[] All(TableStorageTables tables) => [tables.Commands, tables.CommandIndex, tables.Authorizers, tables.Leases];

    private static async Task<List<TableEntity>> RowsAsync(TableClient table)
    {
        var rows = new List<TableEntity>();
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            rows.Add(row);
        }

        return rows;
    }
}
