namespace WeChatDomains.Core.Profiles;

/// <summary>Versioned profiles, the default profile and per-authorizer assignments.</summary>
public interface IProfileStore
{
    /// <summary>
    /// Stores <paramref name="draft"/> as the profile's next version (1 for a new name), stamped <paramref name="at"/>, and
    /// makes it the default when it says so (or stops it being the default when it no longer does).
    /// </summary>
    Task<DomainProfile> SaveNewVersionAsync(DomainProfile draft, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>The current version of a profile, or null.</summary>
    Task<DomainProfile?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>One stored version, or null.</summary>
    Task<DomainProfile?> GetVersionAsync(string name, int version, CancellationToken cancellationToken = default);

    /// <summary>The current version of every profile (one partition).</summary>
    Task<IReadOnlyList<DomainProfile>> ListAsync(CancellationToken cancellationToken = default);

    /// <summary>The name of the default profile, or null.</summary>
    Task<string?> GetDefaultNameAsync(CancellationToken cancellationToken = default);

    /// <summary>The profile assigned to <paramref name="appId"/> by name, or null (it then has the default).</summary>
    Task<string?> GetAssignmentAsync(string appId, CancellationToken cancellationToken = default);

    /// <summary>Assigns <paramref name="profile"/> to <paramref name="appId"/>.</summary>
    Task AssignAsync(string appId, string profile, CancellationToken cancellationToken = default);

    /// <summary>Every assignment, appid to profile name (one partition).</summary>
    Task<IReadOnlyDictionary<string, string>> ListAssignmentsAsync(CancellationToken cancellationToken = default);
}
