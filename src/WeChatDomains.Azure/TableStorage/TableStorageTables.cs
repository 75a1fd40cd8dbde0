using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using WeChatDomains.Azure.Authorizers;
using WeChatDomains.Azure.Commands;
using WeChatDomains.Azure.Leases;

namespace WeChatDomains.Azure.TableStorage;

/// <summary>
/// The clients of the adapters' tables. Each table is created once per process (<see cref="EnsureCreatedAsync"/>,
/// run at start-up by <see cref="TableStorageInitializer"/> and awaited cheaply by every adapter call afterwards).
/// </summary>
public sealed class TableStorageTables
{
    private readonly TableClient[] _all;
    private Task? _creation;

    /// <summary>Creates the clients for tables named <c>{prefix}{name}</c>.</summary>
    public TableStorageTables(TableServiceClient service, string tablePrefix)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(tablePrefix);
        Commands = service.GetTableClient(tablePrefix + TableStorageConstants.CommandsTable);
        CommandIndex = service.GetTableClient(tablePrefix + TableStorageConstants.CommandIndexTable);
        Authorizers = service.GetTableClient(tablePrefix + TableStorageConstants.AuthorizersTable);
        Leases = service.GetTableClient(tablePrefix + TableStorageConstants.LeasesTable);
        _all = [Commands, CommandIndex, Authorizers, Leases];
    }

    /// <summary>Creates the clients from the configured options.</summary>
    public TableStorageTables(TableServiceClient service, IOptions<TableStorageOptions> options)
        : this(service, (options ?? throw new ArgumentNullException(nameof(options))).Value.TablePrefix)
    {
    }

    /// <summary>Command records and attempts.</summary>
    public TableClient Commands { get; }

    /// <summary>Pointer rows into <see cref="Commands"/>.</summary>
    public TableClient CommandIndex { get; }

    /// <summary>Authorizer records, ledgers and the by-state index.</summary>
    public TableClient Authorizers { get; }

    /// <summary>Named leases.</summary>
    public TableClient Leases { get; }

    /// <summary>
    /// Creates the tables that do not exist yet and moves rows of an older key layout (<see cref="RowKeyMigration"/>,
    /// <see cref="StatePartitionMigration"/>, <see cref="TokenPartitionMigration"/>,
    /// <see cref="AuthorizerStatePartitionMigration"/>). Only the first successful run talks to the service; a failed
    /// run is tried again by the next caller. A caller's cancellation stops its wait, not the shared run.
    /// </summary>
    public ValueTask EnsureCreatedAsync(CancellationToken cancellationToken = default)
    {
        var creation = Volatile.Read(ref _creation);
        return creation is { IsCompletedSuccessfully: true } ? ValueTask.CompletedTask : new ValueTask(WaitForCreationAsync(creation, cancellationToken));
    }

    private async Task WaitForCreationAsync(Task? seen, CancellationToken cancellationToken)
    {
        if (seen is null || seen.IsFaulted || seen.IsCanceled)
        {
            var run = new Task<Task>(CreateAllAsync);
            if (Interlocked.CompareExchange(ref _creation, run.Unwrap(), seen) == seen)
            {
                run.Start(TaskScheduler.Default);
            }

            seen = Volatile.Read(ref _creation)!;
        }

        await seen.WaitAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task CreateAllAsync()
    {
        foreach (var table in _all)
        {
            await table.CreateIfNotExistsAsync(CancellationToken.None).ConfigureAwait(false);
        }

        // Before any adapter reads a row: rows stored before RowKeys move to their keys (a point read once they have).
        foreach (var (table, legacyRows) in LegacyRows())
        {
            await RowKeyMigration.RunAsync(table, legacyRows, CancellationToken.None).ConfigureAwait(false);
        }

        // Failed and Deferred pointers stored in one partition per state, token index rows stored in one partition and
        // the authorizers' by-state rows stored in one partition per state move to their shard.
        await StatePartitionMigration.RunAsync(CommandIndex, CancellationToken.None).ConfigureAwait(false);
        await TokenPartitionMigration.RunAsync(Authorizers, CancellationToken.None).ConfigureAwait(false);
        await AuthorizerStatePartitionMigration.RunAsync(Authorizers, CancellationToken.None).ConfigureAwait(false);
    }

    private IEnumerable<(TableClient Table, IReadOnlyList<string> LegacyRows)> LegacyRows() =>
    [
        (Commands, CommandEntityMapper.LegacyRowFilters),
        (CommandIndex, LaneKey.LegacyRowFilters),
        (Authorizers, AuthorizerEntityMapper.LegacyRowFilters),
        (Leases, TableLeaseStore.LegacyRowFilters),
    ];
}
