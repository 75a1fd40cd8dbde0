using WeChatDomains.Azure.Queues;

namespace WeChatDomains.Host.Intake;

/// <summary>Creates the command queue and its poison queue when the Host starts (before the intake receives).</summary>
public sealed class QueueInitializer(StorageQueues queues) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken) => queues.CreateIfNotExistsAsync(cancellationToken);

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
