using Microsoft.Extensions.Hosting;

namespace WeChatDomains.Azure.TableStorage;

/// <summary>Creates the tables when the host starts, so the first request does not pay for it.</summary>
public sealed class TableStorageInitializer(TableStorageTables tables) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => tables.EnsureCreatedAsync(cancellationToken).AsTask();

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
