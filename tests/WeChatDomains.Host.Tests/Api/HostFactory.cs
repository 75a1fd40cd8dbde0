using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Moq;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.Core.Tokens;
using WeChatDomains.Host.Api;
using WeChatDomains.Host.Intake;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Host.Tests.Api;

/// <summary>
/// The Host in memory with the intake, timers and queue creation off, and every port Moq'd: the API's behaviour
/// without Azurite or WeChat.
/// </summary>
internal sealed class HostFactory : WebApplicationFactory<Program>
{
    public const string Key = "test-key";

    public Mock<ICommandReader> Reader { get; } = new();

    public Mock<ICommandStore> Store { get; } = new();

    public Mock<ICommandSender> Sender { get; } = new();

    public Mock<IPushEventReceiver> Push { get; } = new();

    public Mock<IAuthorizerRegistry> Registry { get; } = CreateRegistry();

    public string? ApiKey { get; init; } = Key;

    public string Environment { get; init; } = "Development";

    /// <summary>More settings (configuration keys with <c>:</c>).</summary>
    public Dictionary<string, string> Settings { get; init; } = new(StringComparer.Ordinal);

    private static Mock<IAuthorizerRegistry> CreateRegistry()
    {
        var registry = new Mock<IAuthorizerRegistry>();
        registry.Setup(r => r.ListAsync(It.IsAny<AuthorizerState>(), It.IsAny<int>(), It.IsAny<string?>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Page<AuthorizerRecord>([], null));
        return registry;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(Environment);
        builder.UseSetting("Api:Key", ApiKey ?? string.Empty);
        builder.UseSetting("Platform:AppId", "wx0123456789abcdef");
        builder.UseSetting("Platform:AppSecret", "test-secret");
        builder.UseSetting("Platform:Token", "test-token");
        builder.UseSetting("Platform:EncodingAesKey", "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG");
        builder.UseSetting("Intake:Enabled", "false");
        builder.UseSetting("Timers:Enabled", "false");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<QueueInitializer>();
            services.RemoveAll<TableStorageInitializer>();
            services.AddSingleton(Reader.Object);
            services.AddSingleton(Store.Object);
            services.AddSingleton(Sender.Object);
            services.AddSingleton(Push.Object);
            services.AddSingleton(Registry.Object);
            services.AddSingleton(Mock.Of<ISecretVault>());
            services.AddSingleton(Mock.Of<ILeaseStore>());
            services.AddSingleton(Mock.Of<ITokenProvider>());
            services.AddSingleton(Mock.Of<IWeChatClient>());
        });
    }
}

internal static class ServiceCollectionTestExtensions
{
    public static void RemoveAll<THosted>(this IServiceCollection services)
        where THosted : IHostedService
    {
        foreach (var descriptor in services.Where(d => d.ServiceType == typeof(IHostedService) && d.ImplementationType == typeof(THosted)).ToList())
        {
            services.Remove(descriptor);
        }
    }
}
