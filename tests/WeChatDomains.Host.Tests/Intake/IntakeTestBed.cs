using System.Collections.Concurrent;
using System.Text;
using Azure.Storage.Queues;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Moq;
using WeChatDomains.Azure.Queues;
using WeChatDomains.Core.Processing;
using WeChatDomains.Host.Intake;
using WeChatDomains.Testing;

namespace WeChatDomains.Host.Tests.Intake;

/// <summary>An <see cref="IntakeService"/> over fresh Azurite queues with a Moq'd processor that records each message.</summary>
internal sealed class IntakeTestBed : IAsyncDisposable
{
    private IntakeTestBed(string connectionString, IntakeOptions intake)
    {
        var queueOptions = new StorageQueueOptions { ConnectionString = connectionString, QueueName = AzuriteFixture.UniqueName("intake"), VisibilityTimeout = TimeSpan.FromMinutes(5) };
        var encoded = new QueueClientOptions { MessageEncoding = QueueMessageEncoding.Base64 };
        Queues = new StorageQueues(new QueueClient(connectionString, queueOptions.QueueName, encoded), new QueueClient(connectionString, queueOptions.PoisonQueueName, encoded));
        Sender = new StorageQueueCommandSender(Queues, TimeProvider.System, NullLogger<StorageQueueCommandSender>.Instance);
        Receiver = new StorageQueueReceiver(Queues, Options.Create(queueOptions), TimeProvider.System, NullLogger<StorageQueueReceiver>.Instance);
        Processor.Setup(p => p.ProcessAsync(It.IsAny<ReceivedMessage>(), It.IsAny<CancellationToken>()))
            .Callback((ReceivedMessage m, CancellationToken _) => Received.Enqueue(m));
        Service = new IntakeService(Receiver, Processor.Object, Options.Create(intake), TimeProvider.System, NullLogger<IntakeService>.Instance);
    }

    public StorageQueues Queues { get; }

    public StorageQueueCommandSender Sender { get; }

    public StorageQueueReceiver Receiver { get; }

    public Mock<ICommandProcessor> Processor { get; } = new();

    public ConcurrentQueue<ReceivedMessage> Received { get; } = new();

    public IntakeService Service { get; }

    public static async Task<IntakeTestBed> CreateAsync(AzuriteFixture azurite, int maxConcurrency = 4)
    {
        var bed = new IntakeTestBed(azurite.ConnectionString, new IntakeOptions
        {
            MaxConcurrency = maxConcurrency,
            PollInterval = TimeSpan.FromMilliseconds(20),
            MaxPollInterval = TimeSpan.FromMilliseconds(50),
            ErrorRetryDelay = TimeSpan.Zero,
            ShutdownGrace = TimeSpan.Zero,
        });
        await bed.Queues.CreateIfNotExistsAsync();
        return bed;
    }

    public static byte[] Command(string commandId, string? authorizer = "wx1234567890abcdef") =>
        Encoding.UTF8.GetBytes(authorizer is null
            ? $$$"""{"commandId":"{{{commandId}}}","api":"modify_wxa_jump_domain","body":{}}"""
            : $$$"""{"commandId":"{{{commandId}}}","api":"get_effective_domain","authorizerAppId":"{{{authorizer}}}","body":{}}""");

    public Task EnqueueAsync(string commandId, string authorizer = "wx1234567890abcdef") =>
        Sender.EnqueueAsync(commandId, authorizer, Command(commandId, authorizer));

    public void Returns(Disposition disposition) =>
        Processor.Setup(p => p.ProcessAsync(It.IsAny<ReceivedMessage>(), It.IsAny<CancellationToken>()))
            .Callback((ReceivedMessage m, CancellationToken _) => Received.Enqueue(m))
            .ReturnsAsync(disposition);

    public static async Task<int> CountAsync(QueueClient queue) => (await queue.GetPropertiesAsync()).Value.ApproximateMessagesCount;

    public async Task WaitUntilEmptyAsync() =>
        await Conditions.WaitUntilAsync(async () => await CountAsync(Queues.Commands) == 0, "the command queue is empty");

    public async ValueTask DisposeAsync()
    {
        await Service.StopAsync(CancellationToken.None);
        Service.Dispose();
    }
}
