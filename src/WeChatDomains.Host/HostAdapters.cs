using WeChatDomains.Azure.TableStorage;
using WeChatDomains.WeChat;
using WeChatDomains.WeChat.Client;
using WeChatDomains.Host.Api;
using WeChatDomains.Host.Configuration;
using WeChatDomains.Host.Timers;

namespace WeChatDomains.Host;

/// <summary>
/// The adapters of Core's ports that other branches provide, registered in one place. Until they are merged this
/// registers only the Host's placeholders (<see cref="UnwiredTokenSweepRunner"/>, <see cref="UnwiredPushEventReceiver"/>);
/// Core's processor and API handlers then fail to resolve their ports at start.
/// </summary>
internal static class HostAdapters
{
    /// <summary>
    /// LEAD, at merge: register here, before the placeholders (which use TryAdd):
    /// <list type="bullet">
    /// <item>branch <c>stores</c>: <c>AddWeChatDomainsTableStorage(o =&gt; { bind "TableStorage"; o.ConnectionString ??= storageConnectionString; })</c>
    /// (ICommandStore, IAuthorizerRegistry, ILeaseStore).</item>
    /// <item>branch <c>client</c>: <c>AddWeChatClient</c> with BaseUrl from <c>WeChatClient:BaseUrl</c> (the sandbox in Development).</item>
    /// <item>branch <c>validation</c>: the <c>ICommandReader</c>.</item>
    /// <item>branch <c>tokens</c>: the token provider with <c>Tokens:ComponentAppId/ComponentAppSecret</c> from
    /// <see cref="PlatformOptions"/>; <see cref="ITokenSweepRunner"/> calling <c>TokenRefreshSweep.RunAsync</c>;
    /// <see cref="IPushEventReceiver"/> calling the push receiver with <see cref="PlatformOptions.Token"/> and
    /// <see cref="PlatformOptions.EncodingAesKey"/>.</item>
    /// <item>the vault: the Data Protection file vault in <see cref="LocalVaultOptions.Folder"/> as <c>ISecretVault</c>.</item>
    /// </list>
    /// </summary>
    public static IServiceCollection AddAdapters(this IServiceCollection services, IConfiguration configuration, string storageConnectionString)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentException.ThrowIfNullOrEmpty(storageConnectionString);
        services.AddOptions<PlatformOptions>().BindConfiguration(PlatformOptions.SectionName);
        services.AddOptions<LocalVaultOptions>().BindConfiguration(LocalVaultOptions.SectionName);

        services.AddWeChatDomainsTableStorage(options =>
        {
            configuration.GetSection(TableStorageConstants.SectionName).Bind(options);
            options.ConnectionString ??= storageConnectionString;
        });

        services.AddWeChatClient(options => configuration.GetSection("WeChatClient").Bind(options));
        return services;
    }
}
