using System.Text;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using WeChatDomains.Azure.Queues;
using WeChatDomains.Testing;

namespace WeChatDomains.Azure.Tests.Queues;

/// <summary>A fresh command queue and poison queue in Azurite, with the sender and receiver over them.</summary>
internal sealed class QueueTestBed
{
    private QueueTestBed(string connectionString, StorageQueueOptions options, FakeTimeProvider time)
    {
        Options = options;
        Time = time;
        var encoded = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        Queues = new StorageQueues(new QueueClient(connectionString, options.QueueName, encoded), new QueueClient(connectionString, options.PoisonQueueName, encoded));
        RawCommands = new QueueClient(connectionString, options.QueueName);
        Sender = new StorageQueueCommandSender(Queues, time, NullLogger<StorageQueueCommandSender>.Instance);
        Receiver = new StorageQueueReceiver(Queues, Microsoft.Extensions.Options.Options.Create(options), time, NullLogger<StorageQueueReceiver>.Instance);
    }

    public StorageQueueOptions Options { get; }

    public FakeTimeProvider Time { get; }

    public StorageQueues Queues { get; }

    /// <summary>The command queue without the SDK's Base64 decoding, to see the text as stored.</summary>
    public QueueClient RawCommands { get; }

    public StorageQueueCommandSender Sender { get; }

    public StorageQueueReceiver Receiver { get; }

    public static async Task<QueueTestBed> CreateAsync(AzuriteFixture azurite, int maxDequeueCount = StorageQueueConstants.MaxDequeueCount)
    {
        var options = new StorageQueueOptions
        {
            ConnectionString = azurite.ConnectionString,
            QueueName = AzuriteFixture.UniqueName("q"),
            VisibilityTimeout = TimeSpan.FromMinutes(5),
            MaxDequeueCount = maxDequeueCount,
        };
        var bed = new QueueTestBed(azurite.ConnectionString, options, new FakeTimeProvider(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero)));
        await bed.Queues.CreateIfNotExistsAsync();
        return bed;
    }

    public static byte[] Command(string commandId, string authorizer = "wx1234567890abcdef") =>
        Encoding.UTF8.GetBytes($$$"""{"commandId":"{{{commandId}}}","api":"get_effective_domain","authorizerAppId":"{{{authorizer}}}","body":{}}""");

    public async Task<QueuedCommand> SendAndReceiveAsync(string commandId)
    {
        await Sender.EnqueueAsync(commandId, "wx1234567890abcdef", Command(commandId));
        return Assert.Single(await Receiver.ReceiveAsync(1));
    }

    public static async Task<int> CountAsync(QueueClient queue) => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;
}
