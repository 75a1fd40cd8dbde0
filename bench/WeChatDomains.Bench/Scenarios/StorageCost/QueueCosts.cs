using System.Collections.Concurrent;
using System.Globalization;
using Azure.Storage.Queues;

namespace WeChatDomains.Bench.Scenarios.StorageCost;

/// <summary>
/// Azurite's cost per Queue operation with <c>depth</c> messages (about 300 bytes) in the account. It runs cycles that
/// receive a fifth of the messages 32 at a time (received messages stay in the account, invisible), delete them (at most
/// <see cref="DeletesPerCycle"/>: a delete at 5,000 costs Azurite tens of ms), and send as many back, so the depth stays
/// between 80 % and 100 % of <c>depth</c>. A receive of 32 can only run as many at once as a fifth of the messages allows
/// (3 at 500).
/// </summary>
internal sealed class QueueCosts(QueueClient queue, int depth, int azuritePid, bool quiet = false)
{
    private const int ReceiveBatch = 32;
    private const int DeletesPerCycle = 256;
    private static readonly string Body = new('m', 300);
    private static readonly TimeSpan Invisible = TimeSpan.FromMinutes(10);

    public async Task RunAsync(int concurrency, TimeSpan budget)
    {
        await queue.CreateIfNotExistsAsync();
        await Parallel.ForEachAsync(Enumerable.Range(0, depth), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (_, token) =>
            await queue.SendMessageAsync(Body, token));

        var receives = Math.Max(1, depth / 5 / ReceiveBatch);
        var receive = new CostTally(azuritePid);
        var delete = new CostTally(azuritePid);
        var send = new CostTally(azuritePid);
        var shortBatches = 0;
        do
        {
            var received = new ConcurrentBag<(string Id, string PopReceipt)>();
            await receive.RunAsync(receives, Math.Min(concurrency, receives), async _ =>
            {
                var messages = (await queue.ReceiveMessagesAsync(ReceiveBatch, Invisible)).Value;
                if (messages.Length < ReceiveBatch)
                {
                    Interlocked.Increment(ref shortBatches);
                }

                foreach (var message in messages)
                {
                    received.Add((message.MessageId, message.PopReceipt));
                }
            });
            var toDelete = received.Take(DeletesPerCycle).ToArray();
            var offset = delete.Operations;
            await delete.RunAsync(toDelete.Length, concurrency, async i => await queue.DeleteMessageAsync(toDelete[i - offset].Id, toDelete[i - offset].PopReceipt));
            await send.RunAsync(toDelete.Length, concurrency, async _ => await queue.SendMessageAsync(Body));
        }
        while (receive.Wall + delete.Wall + send.Wall < budget);

        await queue.DeleteAsync();
        if (quiet)
        {
            return;
        }

        var size = depth.ToString("N0", CultureInfo.InvariantCulture);
        send.Print($"queue send (~{size} waiting)");
        receive.Print($"queue receive of 32, {Math.Min(concurrency, receives)} at once ({size} waiting)" + (shortBatches > 0 ? $", {shortBatches} short batches" : string.Empty));
        delete.Print($"queue delete (~{size} waiting)");
    }
}
