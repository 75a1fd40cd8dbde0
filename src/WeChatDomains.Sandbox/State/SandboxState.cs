namespace WeChatDomains.Sandbox.State;

/// <summary>
/// Everything the sandbox remembers, behind one lock. Callers run short synchronous work inside
/// <see cref="Run{T}"/>; nothing awaits while holding it.
/// </summary>
internal sealed class SandboxState
{
    private readonly Lock _gate = new();

    public SandboxState() => ResetUnlocked();

    public PlatformState Platform { get; set; } = null!;

    public Dictionary<string, AuthorizerState> Authorizers { get; } = new(StringComparer.Ordinal);

    public TokenRegistry Tokens { get; } = new();

    public GrantLedger Grants { get; } = new();

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
        Pushes.Clear();
    }
}
