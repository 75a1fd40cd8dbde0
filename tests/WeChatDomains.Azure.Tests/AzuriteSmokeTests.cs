using Azure.Data.Tables;
using WeChatDomains.Testing;

namespace WeChatDomains.Azure.Tests;

[Collection(AzuriteCollection.Name)]
public sealed class AzuriteSmokeTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Azurite_TableRoundTrip_Works()
    {
        var table = new TableClient(azurite.ConnectionString, AzuriteFixture.UniqueName("smoke"));
        await table.CreateIfNotExistsAsync();

        await table.AddEntityAsync(new TableEntity("p", "r") { ["Value"] = 42 });
        var read = await table.GetEntityAsync<TableEntity>("p", "r");

        Assert.Equal(42, read.Value.GetInt32("Value"));
    }
}
