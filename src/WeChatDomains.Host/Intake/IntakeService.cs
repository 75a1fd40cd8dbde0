using Microsoft.Extensions.Options;
using WeChatDomains.Azure.Queues;
using WeChatDomains.Core.Leasing;
using WeChatDomains.Core.Processing;

namespace WeChatDomains.Host.Intake;

/// <summary>
/// Takes command messages off the Storage Queue and hands each to Core, at most
/// <see cref="IntakeOptions.MaxConcurrency"/> at a time and one at a time per session key (authorizer), then settles
/// it as its <see cref="Disposition"/> says. On shutdown it stops receiving, releases the messages still waiting for
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
    private readonly KeyedLocks<string> _locks = new(StringComparer.Ordinal);

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var slots = new SemaphoreSlim(_options.MaxConcurrency, _options.MaxConcurrency);
        using var abort = new CancellationTokenSource(Timeout.InfiniteTimeSpan, time);
        using var onStop = stoppingToken.Register(() => abort.CancelAfter(_options.ShutdownGrace));
        Log.IntakeStarted(logger, _options.MaxConcurrency, receiver.VisibilityTimeout);

        var idle = _options.PollInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            var taken = await TakeSlotsAsync(slots, stoppingToken);
            if (taken == 0)
            {
                break;
            }

            var batch = await ReceiveAsync(taken, stoppingToken);
            var unused = taken - batch.Count;
            if (unused > 0)
            {
                slots.Release(unused);
            }

            if (batch.Count == 0)
            {
                idle = await IdleAsync(idle, stoppingToken);
                continue;
            }

            idle = _options.PollInterval;
            foreach (var message in batch)
            {
                _ = RunAsync(message, slots, abort.Token, stoppingToken);
            }
        }

        for (var i = 0; i < _options.MaxConcurrency; i++)
        {
            await slots.WaitAsync(CancellationToken.None);
        }

        Log.IntakeStopped(logger);
    }

    private static async Task<int> TakeSlotsAsync(SemaphoreSlim slots, CancellationToken stoppingToken)
    {
        try
        {
            await slots.WaitAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return 0;
        }

        var taken = 1;
        while (taken < StorageQueueConstants.MaxBatchSize && slots.Wait(0, CancellationToken.None))
        {
            taken++;
        }

        return taken;
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
