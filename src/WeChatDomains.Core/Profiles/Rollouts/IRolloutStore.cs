namespace WeChatDomains.Core.Profiles.Rollouts;

/// <summary>Rollouts and their items; the header and each item are rows updated by ETag.</summary>
public interface IRolloutStore
{
    /// <summary>Stores items of a rollout not yet created (all of them before <see cref="CreateAsync"/>, so a listed rollout is complete).</summary>
    Task AddItemsAsync(string rolloutId, IReadOnlyList<RolloutItem> items, CancellationToken cancellationToken = default);

    /// <summary>Stores a new rollout's header once its items are stored.</summary>
    Task CreateAsync(RolloutRecord rollout, CancellationToken cancellationToken = default);

    /// <summary>The header, or null.</summary>
    Task<RolloutRecord?> GetAsync(string rolloutId, CancellationToken cancellationToken = default);

    /// <summary>Writes the header if its ETag still matches; null on a conflict.</summary>
    Task<RolloutRecord?> TryUpdateAsync(RolloutRecord rollout, CancellationToken cancellationToken = default);

    /// <summary>Every item in full, read page by page as they are consumed (partition by partition).</summary>
    IAsyncEnumerable<RolloutItem> ReadItemsAsync(string rolloutId, CancellationToken cancellationToken = default);

    /// <summary>
    /// What one step of the driver reads: in full the items it may act on (Running, Deferred, and Pending before
    /// <paramref name="workBefore"/>, the end of the wave under way); every other item as a summary that holds only its
    /// Index, State and ErrorCode (no AppId, no commands; a step never writes it back). Ended items and Pending items past
    /// the wave are most of a large rollout, so a step reads in full only what it can act on. A rollout stored before
    /// its items kept a state column is read whole.
    /// </summary>
    IAsyncEnumerable<RolloutItem> ReadStepItemsAsync(string rolloutId, int workBefore, CancellationToken cancellationToken = default);

    /// <summary>Writes an item if its ETag still matches; null on a conflict.</summary>
    Task<RolloutItem?> TryUpdateItemAsync(string rolloutId, RolloutItem item, CancellationToken cancellationToken = default);

    /// <summary>The rollouts that are Running (one partition of pointers).</summary>
    Task<IReadOnlyList<string>> ListRunningAsync(CancellationToken cancellationToken = default);

    /// <summary>Every rollout header, newest first (one partition).</summary>
    Task<IReadOnlyList<RolloutRecord>> ListAsync(CancellationToken cancellationToken = default);
}
