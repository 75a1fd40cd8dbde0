using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Core.Tokens;

/// <summary>
/// What the refresh timer calls. Under the <c>token-sweep</c> lease (one sweep at a time across instances) it refreshes
/// the component token, then every Active authorizer whose token is due (<see cref="RefreshSlots"/>: less than the
/// threshold plus its slot offset left), with bounded concurrency; vault writes go through the
/// <see cref="VaultWriteLimiter"/>. Every <see cref="TokenOptions.RefreshLookaheadPeriod"/> it also reads the due times
/// ahead and, when the write budget could not keep up with them, refreshes the soonest earlier (<see cref="PullForward"/>).
/// Each outcome is recorded in the registry. A missing or stale ticket stops the sweep
/// until the next push; a missing refresh token is reported. Nothing of that throws.
/// </summary>
public sealed class TokenRefreshSweep : ITokenRefreshSweep
{
    private readonly TokenProvider _provider;
    private readonly IAuthorizerRegistry _registry;
    private readonly ILeaseStore _leases;
    private readonly TokenMetrics _metrics;
    private readonly TokenOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly RefreshRecorder _recorder;
    private DateTimeOffset _pulledForwardTo = DateTimeOffset.MinValue;
    private DateTimeOffset _nextLookahead = DateTimeOffset.MinValue;

    /// <summary>Creates the sweep.</summary>
    public TokenRefreshSweep(
        TokenProvider provider, IAuthorizerRegistry registry, ILeaseStore leases, TokenMetrics metrics,
        IOptions<TokenOptions> options, TimeProvider time, ILogger<TokenRefreshSweep> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _provider = provider ?? throw new ArgumentNullException(nameof(provider));
        _registry = registry ?? throw new ArgumentNullException(nameof(registry));
        _leases = leases ?? throw new ArgumentNullException(nameof(leases));
        _metrics = metrics ?? throw new ArgumentNullException(nameof(metrics));
        _options = options.Value;
        _time = time ?? throw new ArgumentNullException(nameof(time));
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        _recorder = new RefreshRecorder(registry, logger);
    }

    /// <summary>Runs one sweep; returns what it did (<see cref="TokenSweepResult.NotRun"/> when another instance is sweeping).</summary>
    public async Task<TokenSweepResult> RunAsync(CancellationToken cancellationToken = default)
    {
        var lease = await _leases.TryAcquireAsync(TokenConstants.SweepLeaseName, _options.SweepLeaseDuration, cancellationToken).ConfigureAwait(false);
        if (lease is null)
        {
            Log.SweepLeaseHeld(_logger);
            return TokenSweepResult.NotRun;
        }

        await using (lease.ConfigureAwait(false))
        {
            var tally = new SweepTally();
            if (await RefreshComponentAsync(tally, cancellationToken).ConfigureAwait(false))
            {
                await SweepAuthorizersAsync(lease, tally, cancellationToken).ConfigureAwait(false);
            }

            var result = tally.ToResult();
            if (result.TicketErrorCode is { } ticketError)
            {
                Log.SweepStoppedTicketStale(_logger, ticketError);
            }

            _metrics.SetNearestExpiry(result.NearestExpiry);
            Log.SweepCompleted(_logger, result.Refreshed, result.Skipped, result.Failed, result.NeedsReauthorization.Count, result.NearestExpiry);
            return result;
        }
    }

    private async Task<bool> RefreshComponentAsync(SweepTally tally, CancellationToken cancellationToken)
    {
        var freshUntil = _time.GetUtcNow() + _options.RefreshThreshold;
        var outcome = await _provider.RefreshAsync(TokenKey.Component, freshUntil, null, cancellationToken).ConfigureAwait(false);
        var expiresAt = outcome.Lookup.ExpiresAt;
        if (outcome.Status == RefreshStatus.Refreshed)
        {
            tally.Refreshed(expiresAt);
        }
        else if (outcome.Status == RefreshStatus.AlreadyFresh)
        {
            tally.Skipped(expiresAt);
        }
        else if (outcome.Status == RefreshStatus.MissingTicket || ErrorCatalog.Classify(outcome.ErrorCode) == WeChatErrorClass.TicketInvalid)
        {
            tally.TicketProblem(outcome.ErrorCode, outcome.Status == RefreshStatus.MissingTicket, expiresAt);
        }
        else
        {
            tally.Failed(outcome.ErrorCode, expiresAt);
        }

        return outcome.Lookup.Token is not null;
    }

    /// <summary>
    /// Reads only the authorizers whose refresh is due (<see cref="IAuthorizerRegistry.ListDueAsync"/>), or pulled forward
    /// (<see cref="DueByAsync"/>), then counts the rest as skipped and takes the soonest expiry from the registry: a
    /// constant number of reads beyond the due ones (and the due times ahead once a lookahead period).
    /// </summary>
    private async Task SweepAuthorizersAsync(ILease lease, SweepTally tally, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.SweepMaxConcurrency, CancellationToken = cancellationToken };
        var dueBy = await DueByAsync(cancellationToken).ConfigureAwait(false);
        var read = 0L;
        string? continuation = null;
        do
        {
            var page = await _registry.ListDueAsync(dueBy, _options.RegistryPageSize, continuation, cancellationToken).ConfigureAwait(false);
            read += page.Items.Count;
            var pageDueBy = Max(_time.GetUtcNow() + _options.RefreshThreshold, dueBy);
            var due = new List<(AuthorizerRecord Record, DateTimeOffset FreshUntil)>();
            foreach (var record in page.Items)
            {
                var freshUntil = RefreshSlots.FreshUntil(record.AppId, pageDueBy, _options.RefreshSpread);
                if (record.AccessTokenExpiresAt >= freshUntil)
                {
                    tally.Skipped(record.AccessTokenExpiresAt);
                }
                else
                {
                    due.Add((record, freshUntil));
                }
            }

            await Parallel.ForEachAsync(due, parallel, (item, token) => new ValueTask(RefreshAuthorizerAsync(item.Record, item.FreshUntil, tally, token)))
                .ConfigureAwait(false);
            continuation = page.Continuation;
            if (continuation is not null && !tally.Stopped && !await lease.RenewAsync(cancellationToken).ConfigureAwait(false))
            {
                Log.SweepLeaseLost(_logger);
                break;
            }
        }
        while (continuation is not null && !tally.Stopped);

        var active = await _registry.CountAsync(AuthorizerState.Active, cancellationToken).ConfigureAwait(false);
        var soonest = await _registry.GetSoonestExpiryAsync(cancellationToken).ConfigureAwait(false);
        tally.NotDue(Math.Max(0, active - read), soonest);
    }

    /// <summary>
    /// The due time this sweep refreshes up to: <c>now + threshold</c>, or later while the last lookahead's
    /// <see cref="PullForward"/> holds. A lookahead reads the due times of the next <see cref="TokenOptions.RefreshLookahead"/>
    /// and plans with the write budget (<see cref="TokenOptions.VaultWritesPerWindow"/> per window, one write a refresh).
    /// </summary>
    private async Task<DateTimeOffset> DueByAsync(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var dueBy = now + _options.RefreshThreshold;
        if (_options.RefreshLookahead <= TimeSpan.Zero)
        {
            return dueBy;
        }

        if (now >= _nextLookahead)
        {
            var dueTimes = await _registry.ListDueTimesAsync(dueBy + _options.RefreshLookahead, cancellationToken).ConfigureAwait(false);
            var perSecond = _options.VaultWritesPerWindow / _options.VaultWriteWindow.TotalSeconds;
            var plan = PullForward.Plan(dueTimes, now, _options.RefreshThreshold, _options.RefreshLookaheadPeriod, perSecond);
            _pulledForwardTo = plan?.DueBy ?? DateTimeOffset.MinValue;
            _nextLookahead = now + _options.RefreshLookaheadPeriod;
            if (plan is { } pulled)
            {
                Log.RefreshesPulledForward(_logger, pulled.Refreshes, pulled.DueBy, _options.RefreshLookahead);
            }
        }

        return Max(dueBy, _pulledForwardTo);
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private async Task RefreshAuthorizerAsync(AuthorizerRecord record, DateTimeOffset freshUntil, SweepTally tally, CancellationToken cancellationToken)
    {
        if (tally.Stopped)
        {
            tally.Deferred(record.AccessTokenExpiresAt);
            return;
        }

        try
        {
            var outcome = await _provider.RefreshAsync(TokenKey.Authorizer(record.AppId), freshUntil, null, cancellationToken).ConfigureAwait(false);
            await RecordAsync(record, outcome, tally, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.AuthorizerRefreshFaulted(_logger, record.AppId, ex.GetType().Name);
            tally.Failed(TokenConstants.UnavailableErrorCode, record.AccessTokenExpiresAt);
        }
    }

    private async Task RecordAsync(AuthorizerRecord record, RefreshOutcome outcome, SweepTally tally, CancellationToken cancellationToken)
    {
        var at = _time.GetUtcNow();
        var expiresAt = outcome.Lookup.ExpiresAt;
        switch (outcome.Status)
        {
            case RefreshStatus.Refreshed:
                tally.Refreshed(expiresAt);
                await _recorder.SucceededAsync(record, expiresAt!.Value, at, cancellationToken).ConfigureAwait(false);
                return;
            case RefreshStatus.AlreadyFresh:
                tally.Skipped(expiresAt);
                await _recorder.ExpiryObservedAsync(record, expiresAt!.Value, cancellationToken).ConfigureAwait(false);
                return;
            case RefreshStatus.MissingRefreshToken:
                tally.MissingRefreshToken(record.AppId, outcome.ErrorCode);
                await _recorder.FailedAsync(record, outcome.ErrorCode, outcome.Error!, at, false, cancellationToken).ConfigureAwait(false);
                return;
            case RefreshStatus.HeldElsewhere:
                tally.Failed(outcome.ErrorCode, expiresAt ?? record.AccessTokenExpiresAt);
                return;
        }

        switch (ErrorCatalog.Classify(outcome.ErrorCode))
        {
            case WeChatErrorClass.TicketInvalid:
                tally.TicketProblem(outcome.ErrorCode, missing: false, expiresAt ?? record.AccessTokenExpiresAt);
                return;
            case WeChatErrorClass.AuthorizationLost when Reauthorization.IsRequiredBy(outcome.ErrorCode):
                Log.NeedsReauthorization(_logger, record.AppId, outcome.ErrorCode);
                tally.NeedsReauthorization(record.AppId, outcome.ErrorCode);
                await _recorder.FailedAsync(record, outcome.ErrorCode, outcome.Error!, at, true, cancellationToken).ConfigureAwait(false);
                return;
            default:
                tally.Failed(outcome.ErrorCode, expiresAt ?? record.AccessTokenExpiresAt);
                await _recorder.FailedAsync(record, outcome.ErrorCode, outcome.Error!, at, false, cancellationToken).ConfigureAwait(false);
                return;
        }
    }
}
