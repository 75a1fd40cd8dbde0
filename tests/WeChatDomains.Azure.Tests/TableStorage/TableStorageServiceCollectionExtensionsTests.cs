using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.Testing;

namespace WeChatDomains.Azure.Tests.TableStorage;

[Collection(AzuriteCollection.Name)]
public sealed class TableStorageServiceCollectionExtensionsTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task AddWeChatDomainsTableStorage_ConnectionString_AdaptersWorkAfterStart()
    {
        await using var provider = CreateProvider(o =>
        {
            o.ConnectionString = azurite.ConnectionString;
            o.TablePrefix = AzuriteFixture.UniqueName("di");
        });
        foreach (var service in provider.GetServices<IHostedService>())
        {
            await service.StartAsync(CancellationToken.None);
        }

        var registry = provider.GetRequiredService<IAuthorizerRegistry>();
        var stored = await registry.TryUpsertAsync(new AuthorizerRecord { AppId = "wxaaaaaaaaaaaaaaa1", State = AuthorizerState.Active });

        Assert.NotNull(stored);
        Assert.NotNull(provider.GetRequiredService<ICommandStore>());
        Assert.NotNull(provider.GetRequiredService<ILeaseStore>());
    }

    [Fact]
    public async Task AddWeChatDomainsTableStorage_NeitherConnectionNorUri_FailsValidation()
    {
        await using var provider = CreateProvider(_ => { });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TableStorageOptions>>().Value);
    }

    [Fact]
    public async Task AddWeChatDomainsTableStorage_BadPrefix_FailsValidation()
    {
        await using var provider = CreateProvider(o =>
        {
            o.ConnectionString = azurite.ConnectionString;
            o.TablePrefix = "1-bad";
        });

        Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<TableStorageOptions>>().Value);
    }

    private static ServiceProvider CreateProvider(Action<TableStorageOptions> configure) =>
        new ServiceCollection()
            .AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance)
            .AddSingleton(typeof(ILogger<>), typeof(NullLogger<>))
            .AddWeChatDomainsTableStorage(configure)
            .BuildServiceProvider();
}
