using Azure.Data.Tables;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Testing;

namespace WeChatDomains.Azure.Tests.TableStorage;

/// <summary>Tables under a prefix of their own, so each test sees only its own rows.</summary>
internal static class TestTables
{
    public static TableStorageTables Create(AzuriteFixture azurite) =>
        new(new TableServiceClient(azurite.ConnectionString), AzuriteFixture.UniqueName("t"));
}
