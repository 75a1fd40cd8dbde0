using WeChatDomains.Core.Tokens;
using Microsoft.Azure.Functions.Worker;
using WeChatDomains.Functions.Seams;

namespace WeChatDomains.Functions.Timers;

/// <summary>Keeps the component and authorizer access tokens fresh in Key Vault (DESIGN section 6).</summary>
public sealed class RefreshTokens(ITokenRefreshSweep sweep)
{
    /// <summary>The timer trigger.</summary>
    [Function(FunctionNames.RefreshTokens)]
    public Task RunAsync([TimerTrigger(FunctionsConstants.RefreshTokensSchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        sweep.RunAsync(cancellationToken);
}
