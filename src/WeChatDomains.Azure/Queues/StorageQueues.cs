using Azure.Identity;
using Azure.Storage.Queues;
using Microsoft.Extensions.Options;
using WeChatDomains.Azure.Faults;

namespace WeChatDomains.Azure.Queues;

/// <summary>The command queue and its poison queue, as SDK clients (text encoded as Base64 by the SDK).</summary>
public sealed class StorageQueues
{
    /// <summary>Creates both clients from <paramref name="options"/>, with the process's extra <paramref name="policies"/>.</summary>
    public StorageQueues(IOptions<StorageQueueOptions> options, StorageClientPolicies? policies = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var value = options.Value;
        var clientOptions = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        policies?.ApplyTo(clientOptions);
        var service = !string.IsNullOrWhiteSpace(value.ConnectionString)
            ? new QueueServiceClient(value.ConnectionString, clientOptions)
            : new QueueServiceClient(value.ServiceUri, new DefaultAzureCredential(), clientOptions);
        Commands = service.GetQueueClient(value.QueueName);
        Poison = service.GetQueueClient(value.PoisonQueueName);
    }

    /// <summary>Builds from existing clients (tests).</summary>
    public StorageQueues(QueueClient commands, QueueClient poison)
    {
        Commands = commands;
        Poison = poison;
    }

    /// <summary>The command queue.</summary>
    public QueueClient Commands { get; }

    /// <summary>The poison queue (<c>{queue}-poison</c>).</summary>
    public QueueClient Poison { get; }

    /// <summary>Creates both queues if they do not exist.</summary>
    public async Task CreateIfNotExistsAsync(CancellationToken cancellationToken = default)
    {
        await Commands.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
        await Poison.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
    }
}
