using Azure;
using Azure.Data.Tables;
using Azure.Data.Tables.Models;
using Microsoft.Extensions.Time.Testing;
using Moq;
using WeChatDomains.Azure.Authorizers;
using WeChatDomains.Azure.Commands;
using WeChatDomains.Azure.Leases;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Azure.Tests.Vault;

namespace WeChatDomains.Azure.Tests.Leases;

/// <summary>The race Azurite cannot stage on demand: two instances take over the same lapsed lease at once.</summary>
public sealed class TableLeaseStoreSeamTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));
    private readonly Mock<TableClient> _leases = new();

    [Fact]
    public async Task TryAcquireAsync_TakeoverLosesRace_ReturnsNull()
    {
        var lapsed = new TableEntity("sweep", "lease|sweep") { ["ExpiresAt"] = _time.GetUtcNow().AddSeconds(-1), ETag = new ETag("W/\"1\"") };
        _leases.Setup(t => t.AddEntityAsync(It.IsAny<TableEntity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(409, "EntityAlreadyExists"));
        _leases.Setup(t => t.GetEntityIfExistsAsync<TableEntity>("sweep", "lease|sweep", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(lapsed, Mock.Of<Response>()));
        _leases.Setup(t => t.UpdateEntityAsync(It.IsAny<TableEntity>(), lapsed.ETag, TableUpdateMode.Replace, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(412, "UpdateConditionNotSatisfied"));

        var lease = await CreateSut().TryAcquireAsync("sweep", TimeSpan.FromSeconds(30));

        Assert.Null(lease);
        _leases.Verify(t => t.UpdateEntityAsync(It.IsAny<TableEntity>(), lapsed.ETag, TableUpdateMode.Replace, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task TryAcquireAsync_AfterAFailedRelease_TakesItsOwnLeaseBackAtOnce_Issue12()
    {
        var etag = new ETag("W/\"1\"");
        var sut = CreateSut();
        _leases.Setup(t => t.AddEntityAsync(It.IsAny<TableEntity>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(Created(etag));
        _leases.Setup(t => t.DeleteEntityAsync("sweep", "lease|sweep", etag, It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(503, "ServerBusy"));
        var first = (await sut.TryAcquireAsync("sweep", TimeSpan.FromSeconds(30)))!;
        await Assert.ThrowsAsync<RequestFailedException>(async () => await first.DisposeAsync());

        var stillOurs = new TableEntity("sweep", "lease|sweep") { ["Holder"] = sut.Holder, ["ExpiresAt"] = _time.GetUtcNow().AddSeconds(30), ETag = etag };
        _leases.Setup(t => t.AddEntityAsync(It.IsAny<TableEntity>(), It.IsAny<CancellationToken>()))
            .ThrowsAsync(new RequestFailedException(409, "EntityAlreadyExists"));
        _leases.Setup(t => t.GetEntityIfExistsAsync<TableEntity>("sweep", "lease|sweep", null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(stillOurs, Mock.Of<Response>()));
        _leases.Setup(t => t.UpdateEntityAsync(It.IsAny<TableEntity>(), etag, TableUpdateMode.Replace, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Created(new ETag("W/\"2\"")));

        var again = await sut.TryAcquireAsync("sweep", TimeSpan.FromSeconds(30));

        Assert.NotNull(again);
    }

    private static FakeResponse Created(ETag etag) => new FakeResponse(204, ("ETag", etag.ToString()));

    private TableLeaseStore CreateSut()
    {
        var service = new Mock<TableServiceClient>();
        service.Setup(s => s.GetTableClient(It.IsAny<string>())).Returns(_leases.Object);
        _leases.Setup(t => t.CreateIfNotExistsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(Response.FromValue<TableItem>(null!, Mock.Of<Response>()));
        var migrated = new TableEntity(LayoutMarker.Partition, RowKeyMigration.MarkerRowKey);
        _leases.Setup(t => t.GetEntityIfExistsAsync<TableEntity>(LayoutMarker.Partition, RowKeyMigration.MarkerRowKey, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(migrated, Mock.Of<Response>()));
        foreach (var marker in new[] { StatePartitionMigration.MarkerRowKey, TokenPartitionMigration.MarkerRowKey, AuthorizerStatePartitionMigration.MarkerRowKey })
        {
            var sharded = new TableEntity(LayoutMarker.Partition, marker);
            _leases.Setup(t => t.GetEntityIfExistsAsync<TableEntity>(LayoutMarker.Partition, marker, null, It.IsAny<CancellationToken>()))
                .ReturnsAsync(Response.FromValue(sharded, Mock.Of<Response>()));
        }

        return new TableLeaseStore(new TableStorageTables(service.Object, "t"), _time);
    }
}
