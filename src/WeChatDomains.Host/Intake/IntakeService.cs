using Microsoft.Extensions.Options;
using WeChatDomains.Azure.Queues;
using WeChatDomains.Core.Processing;

namespace WeChatDomains.Host.Intake;

/// <summary>
/// Takes command messages off the Storage Queue and hands each to Core, at most
/// <see cref="IntakeOptions.MaxConcurrency"/> at a time and one at a time per session key (authorizer), then settles
/// it as its <see cref="Disposition"/> says. It receives a full batch whenever it has run out of received messages, and
/// starts the ones beyond the free slots as slots free up, so a busy intake pays one receive per batch, not one per
/// message. On shutdown it stops receiving, releases the received messages not started yet and those still waiting for
/// their authorizer at once, gives running ones <see cref="IntakeOptions.ShutdownGrace"/> to finish, then cancels and
/// releases them (visible again at once, not after the visibility timeout).
/// </summary>
public sealed class IntakeService(
    StorageQueueReceiver receiver,
    ICommandProcessor processor,
    IOptions<IntakeOptions> options,
    TimeProvider time,
    ILogger<IntakeService> logger) : BackgroundService
{
    private readonly IntakeOptions _options = options.Value;
    private readonly KeyedLocks _locks = new();

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        using var abort = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var onStop = stoppingToken.Register(() => abort.CancelAfter(_options.ShutdownGrace));
        Log.IntakeStarted(logger, _options.MaxConcurrency, receiver.VisibilityTimeout);

        var idle = _options.PollInterval;
        var received = new Queue<QueuedCommand>();
        while (!stoppingToken.IsCancellationRequested)
        {
            if (!await TakeSlotAsync(slots, stoppingToken))
            {
                break;
            }

            if (received.Count == 0)
            {
                foreach (var message in await ReceiveAsync(StorageQueueConstants.MaxBatchSize, stoppingToken))
                {
                    received.Enqueue(message);
                }
            }

            if (!received.TryDequeue(out var next))
            {
                slots.Release();
                idle = await IdleAsync(idle, stoppingToken);
                continue;
            }

            idle = _options.PollInterval;
            _ = RunAsync(next, slots, abort.Token, stoppingToken);
        }

        foreach (var message in received)
        {
            await ReleaseAsync(message, TimeSpan.Zero, "the host is stopping");
        }

        for (var i = 0; i < _options.MaxConcurrency; i++)
        {
            await slots.WaitAsync(CancellationToken.None);
        }

        Log.IntakeStopped(logger);
    }

    private static async Task<bool> TakeSlotAsync(SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await slots.WaitAsync(stoppingToken);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private async Task<IReadOnlyList<QueuedCommand>> ReceiveAsync(int max, CancellationToken stoppingToken)
    {
        try
        {
            return await receiver.ReceiveAsync(max, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return [];
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Log.ReceiveFailed(logger, e);
            return [];
        }
    }

    private async Task<TimeSpan> IdleAsync(TimeSpan idle, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(idle, time, stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return idle;
        }

        var next = idle * 2;
        return next > _options.MaxPollInterval ? _options.MaxPollInterval : next;
    }

    private async Task RunAsync(QueuedCommand message, SemaphoreSlim slots, CancellationToken abort, CancellationToken stopping)
    {
        await Task.Yield();
        try
        {
            var key = SessionKeyReader.Read(message.Body.Span) ?? message.MessageId;
            Disposition disposition;
            using (await _locks.AcquireAsync(key, stopping))
            {
                disposition = await processor.ProcessAsync(new ReceivedMessage(message.Body, message.MessageId, message.DequeueCount), abort);
            }

            await receiver.SettleAsync(message, disposition, CancellationToken.None);
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            await ReleaseAsync(message, TimeSpan.Zero, "the host is stopping");
        }
        catch (Exception e)
        {
            Log.ProcessingFailed(logger, message.MessageId, e);
            await ReleaseAsync(message, _options.ErrorRetryDelay, "processing failed");
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task ReleaseAsync(QueuedCommand message, TimeSpan delay, string reason)
    {
        try
        {
            await receiver.ReleaseAsync(message, delay, reason, CancellationToken.None);
            Log.Released(logger, message.MessageId, delay, reason);
        }
        catch (Exception e)
        {
            Log.ReleaseFailed(logger, message.MessageId, e);
        }
    }
}
