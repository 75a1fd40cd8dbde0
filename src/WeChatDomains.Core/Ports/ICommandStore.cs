using WeChatDomains.Core.Status;

namespace WeChatDomains.Core.Ports;

/// <summary>
/// Durable command records, their attempts and the indexes the status API and the scheduler query. Every change is a
/// conditional write: <see cref="TryInsertAsync"/> fails on an existing id, <see cref="TryReplaceAsync(CommandRecord, CancellationToken)"/> on a stale ETag.
/// </summary>
public interface ICommandStore
{
    /// <summary>The record of <paramref name="commandId"/>, or null.</summary>
    Task<CommandRecord?> GetAsync(string commandId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The version of an unfinished command this store itself last wrote or read, from memory (no storage call), or null
    /// (the default: a store that keeps none). It may be stale: use it only as the base of a conditional write, which
    /// fails if the record changed since, never to decide that a command must not run.
    /// </summary>
    CommandRecord? GetCached(string commandId) => null;

    /// <summary>Inserts a new record; returns the stored record (with its ETag), or null when the id already exists.</summary>
    Task<CommandRecord?> TryInsertAsync(CommandRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces the record if it still has <c>record.ETag</c>, and keeps the state indexes (failed, deferred, lane)
    /// in line; returns the stored record, or null when someone else changed it first (re-read and decide).
    /// </summary>
    Task<CommandRecord?> TryReplaceAsync(CommandRecord record, CancellationToken cancellationToken = default);

    /// <summary>
    /// <see cref="TryReplaceAsync(CommandRecord, CancellationToken)"/> and <see cref="AddAttemptAsync"/> as one write where
    /// the store can (the record and its attempts share a partition): the attempt is recorded with the record's new
    /// version, or, when the record changed first (null), on its own. An attempt number already recorded keeps its first
    /// row. The default records the attempt, then replaces the record.
    /// </summary>
    async Task<CommandRecord?> TryReplaceAsync(CommandRecord record, AttemptRecord attempt, CancellationToken cancellationToken = default)
    {
        await AddAttemptAsync(attempt, cancellationToken);
        return await TryReplaceAsync(record, cancellationToken);
    }

    /// <summary>Records one attempt (idempotent by command and number).</summary>
    Task AddAttemptAsync(AttemptRecord attempt, CancellationToken cancellationToken = default);

    /// <summary>Every attempt of a command, in order.</summary>
    Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string commandId, CancellationToken cancellationToken = default);

    /// <summary>The newest commands of one authorizer (or <c>component</c> for platform-level ones), newest first.</summary>
    Task<Page<CommandRecord>> ListByAuthorizerAsync(string authorizerKey, int pageSize, string? continuation, CancellationToken cancellationToken = default);

    /// <summary>Failed or Deferred commands across authorizers whose index time (completion, or next attempt) is in [since, until).</summary>
    Task<Page<CommandRecord>> ListByStateAsync(CommandState state, DateTimeOffset since, DateTimeOffset until, int pageSize, string? continuation, CancellationToken cancellationToken = default);

    /// <summary>Deferred commands woken by the timer whose next attempt is at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<CommandRecord>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// The unfinished commands of one order lane (authorizer and api), oldest receipt first; with <paramref name="aheadOf"/>,
    /// only those received before that command (all of them when that command is not in the lane).
    /// </summary>
    Task<IReadOnlyList<string>> ListLaneAsync(string authorizerKey, string api, int max, string? aheadOf = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// The command that came after <paramref name="commandId"/> in its lane (null: none) when this store removed it from
    /// the lane at its end, so that the end can nudge it without a lane listing; false when the store does not know (the
    /// default: ask <see cref="ListLaneAsync"/>). Asking forgets the answer.
    /// </summary>
    bool TryGetFollower(string commandId, out string? followerId)
    {
        followerId = null;
        return false;
    }

    /// <summary>Counts of Failed and Deferred commands (for health).</summary>
    Task<(int Failed, int Deferred)> CountProblemsAsync(CancellationToken cancellationToken = default);
}

/// <summary>A page of results and the token for the next one (null when this is the last).</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, string? Continuation);
