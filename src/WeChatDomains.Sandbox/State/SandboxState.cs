using Microsoft.Extensions.Options;

namespace WeChatDomains.Sandbox.State;

/// <summary>
/// Everything the sandbox remembers, behind one lock. Callers run short synchronous work inside
/// <see cref="Run{T}"/>; nothing awaits while holding it.
/// </summary>
internal sealed class SandboxState
{
    private readonly Lock _gate = new();

    public SandboxState(IOptions<SandboxOptions> options)
    {
        Tokens = new TokenRegistry(options.Value.TokenLifetime);
        ResetUnlocked();
    }

    public PlatformState Platform { get; set; } = null!;

    public Dictionary<string, AuthorizerState> Authorizers { get; } = new(StringComparer.Ordinal);

    public TokenRegistry Tokens { get; }

    public GrantLedger Grants { get; } = new();

    /// <summary>Confirm files placed at hosts' roots (admin <c>PUT /sandbox/hosts/{host}/confirmfile</c>), by host.</summary>
    public Dictionary<string, ConfirmFileState> ServedFiles { get; } = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether <paramref name="host"/> serves the confirm file of <paramref name="appId"/> (platform or authorizer).</summary>
    public bool ServesConfirmFileOf(string host, string appId) =>
        ServedFiles.TryGetValue(host, out var served) && served == ConfirmFileState.Of(appId);

    /// <summary>Whether a platform business domain's ownership is verified: seeded/admin-verified, or its root serves the platform's file.</summary>
    public bool IsPlatformVerified(string host) => Platform.VerifiedHosts.Contains(host) || ServesConfirmFileOf(host, Platform.AppId);
    public PushLog Pushes { get; } = new();

    public T Run<T>(Func<SandboxState, T> work)
    {
        lock (_gate)
        {
            return work(this);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            ResetUnlocked();
        }
    }

    private void ResetUnlocked()
    {
        Platform = SandboxSeed.CreatePlatform();
        Authorizers.Clear();
        foreach (var authorizer in SandboxSeed.CreateAuthorizers())
        {
            Authorizers[authorizer.AppId] = authorizer;
        }

        Tokens.Clear();
        Grants.Clear();
        ServedFiles.Clear();
        Pushes.Clear();
    }
}
