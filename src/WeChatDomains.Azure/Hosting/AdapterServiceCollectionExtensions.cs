using Azure.Identity;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WeChatDomains.Azure.Faults;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Azure.Vault;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Push;
using WeChatDomains.Core.Tokens;
using WeChatDomains.WeChat;

namespace WeChatDomains.Azure.Hosting;

/// <summary>
/// The adapters of Core's ports, registered in one place for both hosts (Functions and the self-host): Table Storage stores and leases, the WeChat
/// client, the vault (the Data Protection file vault in <see cref="LocalVaultOptions.Folder"/>, or Key Vault when
/// <c>KeyVault:VaultUri</c> is set), tokens with the platform's credentials, the sweep and the push receiver.
/// </summary>
public static class AdapterServiceCollectionExtensions
{
    /// <summary>
    /// Registers the adapters from configuration: <c>TableStorage</c> (or <paramref name="storageConnectionString"/>),
    /// <c>WeChatClient</c>, <c>KeyVault:VaultUri</c> or <c>LocalVault:Folder</c>, <c>Tokens</c> and <c>Platform</c>.
    /// </summary>
    public static IServiceCollection AddWeChatDomainsAdapters(this IServiceCollection services, IConfiguration configuration, string? storageConnectionString)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        services.AddOptions<PlatformOptions>().BindConfiguration(PlatformOptions.SectionName);
        services.AddOptions<LocalVaultOptions>().BindConfiguration(LocalVaultOptions.SectionName);
        services.AddOptions<StorageFaultOptions>().BindConfiguration(StorageFaultOptions.SectionName);
        services.AddOptions<VaultFaultOptions>().BindConfiguration(VaultFaultOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<Operations.StorageOperationOptions>().BindConfiguration(Operations.StorageOperationOptions.SectionName);
        services.AddOptions<PushOptions>().BindConfiguration(PushOptions.SectionName);

        services.AddWeChatDomainsTableStorage(options =>
        {
            configuration.GetSection(TableStorageConstants.SectionName).Bind(options);
            if (options.ServiceUri is null)
            {
                options.ConnectionString ??= storageConnectionString;
            }
        });

        services.AddWeChatClient(options => configuration.GetSection("WeChatClient").Bind(options));
        AddVault(services, configuration);

        var platform = configuration.GetSection(PlatformOptions.SectionName);
        services.AddWeChatTokens(options =>
        {
            configuration.GetSection(TokenOptions.SectionName).Bind(options);
            options.ComponentAppId = platform[nameof(PlatformOptions.AppId)] ?? string.Empty;
            options.ComponentAppSecret = platform[nameof(PlatformOptions.AppSecret)] ?? string.Empty;
        });
        services.AddWeChatPush(sp =>
        {
            var p = sp.GetRequiredService<IOptions<PlatformOptions>>().Value;
            return (p.Token, p.EncodingAesKey, p.AppId);
        });
        return services;
    }

    /// <summary>The setting that selects Key Vault over the local file vault.</summary>
    public const string VaultUriKey = "KeyVault:VaultUri";

    private static void AddVault(IServiceCollection services, IConfiguration configuration)
    {
        if (configuration[VaultUriKey] is { Length: > 0 } vaultUri)
        {
            services.TryAddSingleton(_ => KeyVaultSecretVault.CreateClient(new Uri(vaultUri), new DefaultAzureCredential()));
            services.TryAddSingleton<KeyVaultSecretVault>();
            services.TryAddSingleton<ISecretVault>(sp => WithFaults(sp, sp.GetRequiredService<KeyVaultSecretVault>()));
            return;
        }

        services.TryAddSingleton<ISecretVault>(sp =>
        {
            var folder = new DirectoryInfo(sp.GetRequiredService<IOptions<LocalVaultOptions>>().Value.Folder);
            folder.Create();
            var protection = DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(folder.FullName, "keys")));
            return WithFaults(sp, new DataProtectionFileVault(protection, folder, sp.GetRequiredService<TimeProvider>()));
        });
    }

    /// <summary>The vault as is, or under injected write faults when <c>VaultFaults:Rate</c> is above 0 (drills and tests only).</summary>
    private static ISecretVault WithFaults(IServiceProvider services, ISecretVault vault)
    {
        var faults = services.GetRequiredService<IOptions<VaultFaultOptions>>().Value;
        return faults.Rate > 0
            ? new FaultingSecretVault(vault, faults, services.GetRequiredService<ILogger<FaultingSecretVault>>())
            : vault;
    }
}
