using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Pipeline.Tests;

/// <summary>
/// An <see cref="ICommandStore"/> that "crashes" the worker once: the first replace matching <see cref="CrashWhen"/>
/// throws instead of writing, as a process dying at that point would leave things. <see cref="Before"/> runs work of
/// another worker just before one replace instead, to place it inside a window.
/// </summary>
internal sealed class CrashingStore(ICommandStore inner) : ICommandStore
{
    public Func<CommandRecord, bool>? CrashWhen { get; set; }

    public int Crashes { get; private set; }

    /// <summary>Run (once) before the first replace its condition matches, then the replace goes on.</summary>
    public (Func<CommandRecord, bool> When, Func<Task> Run)? Before { get; set; }

    public async Task<CommandRecord?> TryReplaceAsync(CommandRecord record, CancellationToken cancellationToken = default)
    {
        if (CrashWhen?.Invoke(record) == true)
        {
            CrashWhen = null;
            Crashes++;
            throw new InvalidOperationException("simulated crash before the record was written");
        }

        if (Before is { } before && before.When(record))
        {
            Before = null;
            await before.Run();
        }

        return await inner.TryReplaceAsync(record, cancellationToken);
    }

    public Task<CommandRecord?> TryReplaceAsync(CommandRecord record, AttemptRecord attempt, CancellationToken cancellationToken = default)
    {
        if (CrashWhen?.Invoke(record) == true)
        {
            CrashWhen = null;
            Crashes++;
            throw new InvalidOperationException("simulated crash before the record was written");
        }

        return inner.TryReplaceAsync(record, attempt, cancellationToken);
    }

    public Task<CommandRecord?> GetAsync(string commandId, CancellationToken cancellationToken = default) => inner.GetAsync(commandId, cancellationToken);

    public Task<CommandRecord?> TryInsertAsync(CommandRecord record, CancellationToken cancellationToken = default) => inner.TryInsertAsync(record, cancellationToken);

    public Task AddAttemptAsync(AttemptRecord attempt, CancellationToken cancellationToken = default) => inner.AddAttemptAsync(attempt, cancellationToken);

    public Task<IReadOnlyList<AttemptRecord>> GetAttemptsAsync(string commandId, CancellationToken cancellationToken = default) => inner.GetAttemptsAsync(commandId, cancellationToken);

    public Task<Page<CommandRecord>> ListByAuthorizerAsync(string authorizerKey, int pageSize, string? continuation, CancellationToken cancellationToken = default) =>
        inner.ListByAuthorizerAsync(authorizerKey, pageSize, continuation, cancellationToken);

    public Task<Page<CommandRecord>> ListByStateAsync(CommandState state, DateTimeOffset since, DateTimeOffset until, int pageSize, string? continuation, CancellationToken cancellationToken = default) =>
        inner.ListByStateAsync(state, since, until, pageSize, continuation, cancellationToken);

    public Task<IReadOnlyList<CommandRecord>> ListDueAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default) => inner.ListDueAsync(now, max, cancellationToken);

    public bool TryGetFollower(string commandId, out string? followerId) => inner.TryGetFollower(commandId, out followerId);

    public Task<IReadOnlyList<string>> ListLaneAsync(string authorizerKey, string api, int max, string? aheadOf = null, CancellationToken cancellationToken = default) =>
        inner.ListLaneAsync(authorizerKey, api, max, aheadOf, cancellationToken);

    public Task<(int Failed, int Deferred)> CountProblemsAsync(CancellationToken cancellationToken = default) => inner.CountProblemsAsync(cancellationToken);
}
