using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WeChatDomains.Core.Tokens;

/// <summary>Registers the token provider, the refresh sweep and their parts.</summary>
public static class TokenServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="ITokenProvider"/>, <see cref="TokenRefreshSweep"/>, <see cref="VaultWriteLimiter"/> and
    /// <see cref="TokenMetrics"/> as singletons, with <see cref="TokenOptions"/> validated at start-up. The host supplies
    /// <c>ISecretVault</c>, <c>ILeaseStore</c>, <c>IAuthorizerRegistry</c>, <c>IWeChatClient</c> and <c>IMeterFactory</c>.
    /// </summary>
    public static IServiceCollection AddWeChatTokens(this IServiceCollection services, Action<TokenOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<TokenOptions>().Configure(configure).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<VaultWriteLimiter>();
        services.TryAddSingleton<TokenMetrics>();
        services.TryAddSingleton<TokenProvider>();
        services.TryAddSingleton<ITokenProvider>(sp => sp.GetRequiredService<TokenProvider>());
        services.TryAddSingleton<AuthorizerReconciler>();
        services.TryAddSingleton<TokenRefreshSweep>();
        services.TryAddSingleton<ITokenRefreshSweep>(sp => sp.GetRequiredService<TokenRefreshSweep>());
        return services;
    }
}
