using System.Text.Json;
using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Api;

namespace WeChatDomains.Azure.Profiles;

/// <summary>
/// A table whose rows each hold one JSON document (split over properties by <see cref="LargeStringProperty"/>), created
/// once per process on first use: the shape the profile and rollout stores share.
/// </summary>
internal sealed class JsonDocumentTable
{
    private const string DocumentProperty = "Document";
    private const int DocumentMaxChunks = 8;
    private readonly Lazy<Task> _created;

    public JsonDocumentTable(TableServiceClient service, string tableName)
    {
        Client = service.GetTableClient(tableName);
        _created = new Lazy<Task>(() => Client.CreateIfNotExistsAsync(CancellationToken.None));
    }

    public TableClient Client { get; }

    public Task EnsureCreatedAsync(CancellationToken cancellationToken) => _created.Value.WaitAsync(cancellationToken);

    public static TableEntity ToEntity<T>(string partition, string row, T value)
    {
        var entity = new TableEntity(partition, row);
        LargeStringProperty.Write(entity, DocumentProperty, JsonSerializer.Serialize(value, ApiJson.Options), DocumentMaxChunks);
        return entity;
    }

    public static T FromEntity<T>(TableEntity entity) =>
        JsonSerializer.Deserialize<T>(LargeStringProperty.Read(entity, DocumentProperty) ?? "null", ApiJson.Options)
        ?? throw new InvalidOperationException($"Row {entity.PartitionKey}/{entity.RowKey} has no document.");
}
