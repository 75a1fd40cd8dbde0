namespace WeChatDomains.Bench.Scenarios;

/// <summary>
/// Keeps submitters at most <c>window</c> commands ahead of the commands that have reached the sandbox, and records the
/// deepest backlog (submitted minus reached) seen. One poller on a <see cref="PeriodicTimer"/> reads the reached count
/// every <see cref="Period"/> and hands out one permit per newly reached command; a window of 0 lets every submitter
/// through at once (one burst) and only measures.
/// </summary>
internal sealed class BacklogWindow : IAsyncDisposable
{
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(20);

    private readonly Func<Task<long>> _reached;
    private readonly SemaphoreSlim? _room;
    private readonly CancellationTokenSource _stop;
    private readonly long _baseline;
    private readonly Task _poller;
    private long _submitted;
    private long _completed;
    private long _deepest;

    private BacklogWindow(Func<Task<long>> reached, long baseline, int window, TimeSpan limit)
    {
        _reached = reached;
        _baseline = baseline;
        _room = window > 0 ? new SemaphoreSlim(window) : null;
        _stop = new CancellationTokenSource(limit, TimeProvider.System);
        _poller = PollAsync(_stop.Token);
    }

    /// <summary>The deepest backlog (submitted, not yet reached the sandbox) seen over the polls.</summary>
    public long DeepestBacklog => Interlocked.Read(ref _deepest);

    /// <summary>
    /// Starts the poller. <paramref name="reached"/> counts the calls the sandbox has received so far (each command makes
    /// exactly one); what it counts now is the baseline. Waiting fails after <paramref name="limit"/>.
    /// </summary>
    public static async Task<BacklogWindow> StartAsync(Func<Task<long>> reached, int window, TimeSpan limit) =>
        new(reached, await reached(), window, limit);

    /// <summary>Waits until the backlog leaves room for one more submission.</summary>
    public async Task EnterAsync(CancellationToken cancellationToken)
    {
        if (_room is not null)
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _stop.Token);
            try
            {
                await _room.WaitAsync(linked.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException("The commands submitted did not reach the sandbox in time (or the poller failed).");
            }
        }
    }

    /// <summary>Counts one command as submitted (the Host accepted it).</summary>
    public void Submitted() => Interlocked.Increment(ref _submitted);

    /// <summary>Stops the poller after one last reading (the backlog only shrinks once the submitters are done).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _poller;
        }
        catch (OperationCanceledException)
        {
            // The poller stops by cancellation.
        }

        await ReadAsync();
        _room?.Dispose();
        _stop.Dispose();
    }

    private async Task PollAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(Period, TimeProvider.System);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                await ReadAsync();
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Waiting submitters must not wait for permits that will never come.
            await _stop.CancelAsync();
            throw;
        }
    }

    private async Task ReadAsync()
    {
        // Submitted is read first, so a submission accepted between the two reads never overstates the backlog.
        var submitted = Interlocked.Read(ref _submitted);
        var completed = await _reached() - _baseline;
        var released = completed - _completed;
        _completed = completed;
        if (released > 0)
        {
            _room?.Release((int)released);
        }

        var backlog = submitted - completed;
        if (backlog > _deepest)
        {
            Interlocked.Exchange(ref _deepest, backlog);
        }
    }
}
