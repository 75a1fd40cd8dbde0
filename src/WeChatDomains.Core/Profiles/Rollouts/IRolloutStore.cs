namespace WeChatDomains.Core.Profiles.Rollouts;

/// <summary>Rollouts and their items; the header and each item are rows updated by ETag.</summary>
public interface IRolloutStore
{
    /// <summary>Stores a new rollout with its items (items first, then the header, so a listed rollout is complete).</summary>
    Task CreateAsync(RolloutRecord rollout, IReadOnlyList<RolloutItem> items, CancellationToken cancellationToken = default);

    /// <summary>The header, or null.</summary>
    Task<RolloutRecord?> GetAsync(string rolloutId, CancellationToken cancellationToken = default);

    /// <summary>Writes the header if its ETag still matches; null on a conflict.</summary>
    Task<RolloutRecord?> TryUpdateAsync(RolloutRecord rollout, CancellationToken cancellationToken = default);

    /// <summary>Every item in rollout order (one partition).</summary>
    Task<IReadOnlyList<RolloutItem>> ListItemsAsync(string rolloutId, CancellationToken cancellationToken = default);

    /// <summary>Writes an item if its ETag still matches; null on a conflict.</summary>
    Task<RolloutItem?> TryUpdateItemAsync(string rolloutId, RolloutItem item, CancellationToken cancellationToken = default);

    /// <summary>The rollouts that are Running (one partition of pointers).</summary>
    Task<IReadOnlyList<string>> ListRunningAsync(CancellationToken cancellationToken = default);

    /// <summary>Every rollout header, newest first (one partition).</summary>
    Task<IReadOnlyList<RolloutRecord>> ListAsync(CancellationToken cancellationToken = default);
}
