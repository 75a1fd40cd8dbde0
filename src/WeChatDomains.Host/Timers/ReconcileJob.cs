using Microsoft.Extensions.Options;
using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Host.Timers;

/// <summary>Reconciles WeChat's authorizer list with the registry and the vault (Core's <see cref="AuthorizerReconciler"/>).</summary>
public sealed class ReconcileJob(AuthorizerReconciler reconciler, IOptions<TokenOptions> options) : IScheduledJob
{
    /// <inheritdoc />
    public string LeaseName => TokenConstants.ReconcileLeaseName;

    /// <inheritdoc />
    public TimeSpan Period => options.Value.ReconcilePeriod;

    /// <inheritdoc />
    public Task RunAsync(CancellationToken cancellationToken) => reconciler.RunAsync(cancellationToken);
}
