using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Profiles;

namespace WeChatDomains.Azure.Profiles;

/// <summary>
/// <see cref="IProfileStore"/> on one table (<c>{prefix}profiles</c>). Partition <c>profile</c> holds each profile's
/// current version (row key = name), claimed by ETag so two PUTs never get the same version; partition
/// <c>version|{name}</c> keeps every version; <c>default</c> names the default profile; partition <c>assignment</c> maps
/// appids to profile names. Every read is a point read or a single-partition query.
/// </summary>
public sealed class TableProfileStore : IProfileStore
{
    private const string HeadPartition = "profile";
    private const string DefaultPartition = "default";
    private const string AssignmentPartition = "assignment";
    private const string ProfileProperty = "Profile";
    private const string VersionProperty = "Version";
    private const int MaxConflicts = 10;
    private readonly JsonDocumentTable _rows;

    /// <summary>Creates the store on the configured account and prefix.</summary>
    public TableProfileStore(TableServiceClient service, IOptions<TableStorageOptions> options)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentNullException.ThrowIfNull(options);
        _rows = new JsonDocumentTable(service, options.Value.TablePrefix + ProfileTableName);
    }

    /// <summary>The table's name without the prefix.</summary>
    public const string ProfileTableName = "profiles";

    /// <inheritdoc />
    public async Task<DomainProfile> SaveNewVersionAsync(DomainProfile draft, DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(draft);
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        for (var attempt = 0; attempt < MaxConflicts; attempt++)
        {
            var head = await Table.GetOrNullAsync(HeadPartition, draft.Name, cancellationToken).ConfigureAwait(false);
            var version = (head?.GetInt32(VersionProperty) ?? 0) + 1;
            var stored = draft with { Version = version, CreatedAt = at };
            var entity = ToEntity(HeadPartition, draft.Name, stored);
            try
            {
                if (head is null)
                {
                    await Table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await Table.UpdateEntityAsync(entity, head.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
            }
            catch (RequestFailedException e) when (e.Status is TableResults.Conflict or TableResults.PreconditionFailed)
            {
                continue;
            }

            await Table.UpsertEntityAsync(ToEntity(VersionPartition(draft.Name), VersionKey(version), stored), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            await UpdateDefaultAsync(stored, cancellationToken).ConfigureAwait(false);
            return stored;
        }

        throw new InvalidOperationException($"Profile {draft.Name} kept changing; no version was stored after {MaxConflicts} tries.");
    }

    /// <inheritdoc />
    public async Task<DomainProfile?> GetAsync(string name, CancellationToken cancellationToken = default) =>
        await ReadAsync(HeadPartition, name, cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<DomainProfile?> GetVersionAsync(string name, int version, CancellationToken cancellationToken = default) =>
        await ReadAsync(VersionPartition(name), VersionKey(version), cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<IReadOnlyList<DomainProfile>> ListAsync(CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var profiles = new List<DomainProfile>();
        await foreach (var entity in Table.QueryAsync<TableEntity>(e => e.PartitionKey == HeadPartition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            profiles.Add(FromEntity(entity));
        }

        return profiles;
    }

    /// <inheritdoc />
    public async Task<string?> GetDefaultNameAsync(CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var row = await Table.GetOrNullAsync(DefaultPartition, DefaultPartition, cancellationToken).ConfigureAwait(false);
        return row?.GetString(ProfileProperty);
    }

    /// <inheritdoc />
    public async Task<string?> GetAssignmentAsync(string appId, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var row = await Table.GetOrNullAsync(AssignmentPartition, appId, cancellationToken).ConfigureAwait(false);
        return row?.GetString(ProfileProperty);
    }

    /// <inheritdoc />
    public async Task AssignAsync(string appId, string profile, CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(AssignmentPartition, appId) { [ProfileProperty] = profile };
        await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, string>> ListAssignmentsAsync(CancellationToken cancellationToken = default)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var assignments = new Dictionary<string, string>(StringComparer.Ordinal);
        var rows = Table.QueryAsync<TableEntity>(e => e.PartitionKey == AssignmentPartition, select: ["RowKey", ProfileProperty], cancellationToken: cancellationToken);
        await foreach (var entity in rows.ConfigureAwait(false))
        {
            assignments[entity.RowKey] = entity.GetString(ProfileProperty);
        }

        return assignments;
    }

    private async Task UpdateDefaultAsync(DomainProfile stored, CancellationToken cancellationToken)
    {
        if (stored.IsDefault)
        {
            var entity = new TableEntity(DefaultPartition, DefaultPartition) { [ProfileProperty] = stored.Name };
            await Table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return;
        }

        var row = await Table.GetOrNullAsync(DefaultPartition, DefaultPartition, cancellationToken).ConfigureAwait(false);
        if (row is not null && row.GetString(ProfileProperty) == stored.Name)
        {
            await Table.DeleteIfUnchangedAsync(DefaultPartition, DefaultPartition, row.ETag, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<DomainProfile?> ReadAsync(string partition, string row, CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken).ConfigureAwait(false);
        var entity = await Table.GetOrNullAsync(partition, row, cancellationToken).ConfigureAwait(false);
        return entity is null ? null : FromEntity(entity);
    }

    private TableClient Table => _rows.Client;

    private Task EnsureCreatedAsync(CancellationToken cancellationToken) => _rows.EnsureCreatedAsync(cancellationToken);

    private static TableEntity ToEntity(string partition, string row, DomainProfile profile)
    {
        var entity = JsonDocumentTable.ToEntity(partition, row, profile);
        entity[VersionProperty] = profile.Version;
        return entity;
    }

    private static DomainProfile FromEntity(TableEntity entity) => JsonDocumentTable.FromEntity<DomainProfile>(entity);

    private static string VersionPartition(string name) => "version|" + name;

    private static string VersionKey(int version) => version.ToString("D10", CultureInfo.InvariantCulture);
}
