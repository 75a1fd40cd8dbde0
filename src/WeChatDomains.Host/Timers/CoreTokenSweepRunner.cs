using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Host.Timers;

/// <summary>The token timer's job: Core's refresh sweep.</summary>
public sealed class CoreTokenSweepRunner(TokenRefreshSweep sweep) : ITokenSweepRunner
{
    /// <inheritdoc />
    public Task RunAsync(CancellationToken cancellationToken) => sweep.RunAsync(cancellationToken);
}
