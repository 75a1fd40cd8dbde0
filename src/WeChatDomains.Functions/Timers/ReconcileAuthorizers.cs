using Microsoft.Azure.Functions.Worker;
using WeChatDomains.Core.Tokens;

namespace WeChatDomains.Functions.Timers;

/// <summary>
/// Restores refresh tokens Key Vault lacks from <c>api_get_authorizer_list</c> and reports authorizers WeChat and the
/// registry disagree on (issue 18). Runs once across instances: Functions timer triggers are singletons.
/// </summary>
public sealed class ReconcileAuthorizers(AuthorizerReconciler reconciler)
{
    /// <summary>The timer trigger.</summary>
    [Function(FunctionNames.ReconcileAuthorizers)]
    public Task RunAsync([TimerTrigger(FunctionsConstants.ReconcileAuthorizersSchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        reconciler.RunAsync(cancellationToken);
}
