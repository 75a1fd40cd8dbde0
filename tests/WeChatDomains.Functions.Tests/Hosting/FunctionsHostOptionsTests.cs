using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WeChatDomains.Functions.Hosting;

namespace WeChatDomains.Functions.Tests.Hosting;

public sealed class FunctionsHostOptionsTests
{
    [Fact]
    public void AddWeChatDomainsFunctions_MissingSettings_FailsValidationNamingEachSetting()
    {
        using var provider = CreateSut([]);

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<FunctionsHostOptions>>().Value);

        Assert.Contains(error.Failures, f => f.Contains(nameof(FunctionsHostOptions.CommandsQueueName), StringComparison.Ordinal));
        Assert.Contains(error.Failures, f => f.Contains(nameof(FunctionsHostOptions.ServiceBusNamespace), StringComparison.Ordinal));
    }

    [Fact]
    public void AddWeChatDomainsFunctions_AppSettings_AreReadWithDoubleUnderscoreKeys()
    {
        using var provider = CreateSut(new()
        {
            ["CommandsQueueName"] = "commands",
            ["ServiceBus:fullyQualifiedNamespace"] = "sb-test.servicebus.windows.net",
        });

        var options = provider.GetRequiredService<IOptions<FunctionsHostOptions>>().Value;

        Assert.Equal(("commands", "sb-test.servicebus.windows.net"), (options.CommandsQueueName, options.ServiceBusNamespace));
    }

    private static ServiceProvider CreateSut(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        return new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddWeChatDomainsFunctions(configuration).BuildServiceProvider();
    }
}
