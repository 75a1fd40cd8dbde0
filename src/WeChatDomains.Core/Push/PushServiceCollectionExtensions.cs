using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WeChatDomains.Core.Api;
using WeChatDomains.WeChat.Crypto;

namespace WeChatDomains.Core.Push;

/// <summary>Registers the push receiver and its endpoint.</summary>
public static class PushServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="PushReceiver"/> and <see cref="PushEndpoint"/>, with the platform's push token, EncodingAESKey and
    /// component appid (validated when the crypto is first built: a malformed key stops the host at its first push and at
    /// start-up validation), and <see cref="PushOptions"/> (the host binds section <c>Push</c>). Needs <c>AddWeChatTokens</c> and an
    /// <c>ILeaseStore</c> (seen msg_signatures are leases that lapse).
    /// </summary>
    public static IServiceCollection AddWeChatPush(this IServiceCollection services, Func<IServiceProvider, (string Token, string EncodingAesKey, string AppId)> platform)
    {
        ArgumentNullException.ThrowIfNull(platform);
        services.AddOptions<PushOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(sp =>
        {
            var (token, key, appId) = platform(sp);
            return new PushMessageCrypto(token, key, appId);
        });
        services.TryAddSingleton<PushReceiver>();
        services.TryAddSingleton<PushEndpoint>();
        return services;
    }
}
