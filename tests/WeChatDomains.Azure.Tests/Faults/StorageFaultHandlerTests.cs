using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using WeChatDomains.Azure.Faults;
using WeChatDomains.Testing;

namespace WeChatDomains.Azure.Tests.Faults;

[Collection(AzuriteCollection.Name)]
public sealed class StorageFaultHandlerTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task TableClient_UnderInjectedFaults_TheSdkRetriesAndEveryWriteLands()
    {
        using var policies = CreateSut(rate: 0.3);
        var table = await CreateTableAsync(policies, retries: 10);
        var clean = new TableClient(azurite.ConnectionString, table.Name);

        for (var i = 0; i < 40; i++)
        {
            await table.UpsertEntityAsync(new TableEntity("p", $"r{i:D2}") { ["Value"] = i });
        }

        var stored = await clean.QueryAsync<TableEntity>(e => e.PartitionKey == "p").ToListAsync();
        Assert.Equal(40, stored.Count);
        Assert.InRange(policies.Faults!.Injected, 1, long.MaxValue);
    }

    [Fact]
    public async Task TableClient_FaultsWithoutRetries_SurfaceAsStorageErrorsTheSdkClassifies()
    {
        using var policies = CreateSut(rate: 0.5);
        var table = await CreateTableAsync(policies, retries: 0);
        var statuses = new HashSet<int>();
        var codes = new HashSet<string?>();

        for (var i = 0; i < 200 && !(statuses.Contains(503) && statuses.Contains(500) && statuses.Contains(0)); i++)
        {
            try
            {
                await table.UpsertEntityAsync(new TableEntity("p", $"r{i:D3}"));
            }
            catch (RequestFailedException e)
            {
                statuses.Add(e.Status);
                codes.Add(e.ErrorCode);
            }
            catch (OperationCanceledException)
            {
                statuses.Add(-1);
            }
        }

        Assert.Contains(503, statuses);
        Assert.Contains(500, statuses);
        Assert.Contains(0, statuses);
        Assert.Contains("ServerBusy", codes);
    }

    private static StorageClientPolicies CreateSut(double rate) => new(Options.Create(new StorageFaultOptions { Rate = rate, Seed = 3 }));

    private async Task<TableClient> CreateTableAsync(StorageClientPolicies policies, int retries)
    {
        var options = policies.ApplyTo(new TableClientOptions());
        options.Retry.MaxRetries = retries;
        options.Retry.Delay = TimeSpan.FromMilliseconds(1);
        options.Retry.MaxDelay = TimeSpan.FromMilliseconds(5);
        var name = "faults" + Guid.NewGuid().ToString("N")[..12];
        var table = new TableClient(azurite.ConnectionString, name, options);
        await new TableClient(azurite.ConnectionString, name).CreateIfNotExistsAsync();
        return table;
    }
}
