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

    /// <summary>
    /// Each table is created and its rows of an older layout moved before any adapter reads it; the tables are
    /// independent, so they are made ready in parallel (one after the other, the first health call of a Host whose
    /// storage answered 10 % of requests with a retried fault took over 5 s: the storage-fault drill).
    /// </summary>
    private Task CreateAllAsync() => Task.WhenAll(
        ReadyAsync(Commands, t => RowKeyMigration.RunAsync(t, CommandEntityMapper.LegacyRowFilters, CancellationToken.None)),
        ReadyAsync(
            CommandIndex,
            t => RowKeyMigration.RunAsync(t, LaneKey.LegacyRowFilters, CancellationToken.None),
            t => StatePartitionMigration.RunAsync(t, CancellationToken.None)),
        ReadyAsync(
            Authorizers,
            t => RowKeyMigration.RunAsync(t, AuthorizerEntityMapper.LegacyRowFilters, CancellationToken.None),
            t => TokenPartitionMigration.RunAsync(t, CancellationToken.None),
            t => AuthorizerStatePartitionMigration.RunAsync(t, CancellationToken.None)),
        ReadyAsync(Leases, t => RowKeyMigration.RunAsync(t, TableLeaseStore.LegacyRowFilters, CancellationToken.None)));

    /// <summary>Creates <paramref name="table"/> if needed, then runs its <paramref name="migrations"/> in order.</summary>
    private static async Task ReadyAsync(TableClient table, params Func<TableClient, Task<int>>[] migrations)
    {
        await table.CreateIfNotExistsAsync(CancellationToken.None).ConfigureAwait(false);
        foreach (var migrate in migrations)
        {
            await migrate(table).ConfigureAwait(false);
        }
    }
}
