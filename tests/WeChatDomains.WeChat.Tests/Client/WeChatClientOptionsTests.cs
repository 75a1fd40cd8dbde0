using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.WeChat.Tests.Client;

public sealed class WeChatClientOptionsTests
{
    [Fact]
    public void Defaults_AreTheConstants()
    {
        var options = new WeChatClientOptions();

        Assert.Equal(new Uri("https://api.weixin.qq.com"), options.BaseUrl);
        Assert.Equal(WeChatClientConstants.DefaultAttemptTimeout, options.AttemptTimeout);
        Assert.Equal(WeChatClientConstants.DefaultRetryCount, options.RetryCount);
        Assert.Equal(WeChatClientConstants.DefaultBaseDelay, options.BaseDelay);
        Assert.Equal(WeChatClientConstants.DefaultMaxDelay, options.MaxDelay);
        Assert.Equal(0, options.MaxConcurrentCalls);
    }

    [Fact]
    public void AddWeChatClient_ValidOptions_PassStartupValidation()
    {
        using var provider = CreateProvider(_ => { });

        provider.GetRequiredService<IStartupValidator>().Validate();

        Assert.IsType<WeChatClient>(provider.GetRequiredService<IWeChatClient>());
    }

    [Theory]
    [InlineData(nameof(WeChatClientOptions.RetryCount))]
    [InlineData(nameof(WeChatClientOptions.AttemptTimeout))]
    [InlineData(nameof(WeChatClientOptions.BaseDelay))]
    [InlineData(nameof(WeChatClientOptions.BaseUrl))]
    [InlineData(nameof(WeChatClientOptions.MaxConcurrentCalls))]
    public void AddWeChatClient_InvalidOption_FailsStartupValidation(string property)
    {
        using var provider = CreateProvider(options =>
        {
            switch (property)
            {
                case nameof(WeChatClientOptions.RetryCount): options.RetryCount = WeChatClientConstants.MaxRetryCount + 1; break;
                case nameof(WeChatClientOptions.AttemptTimeout): options.AttemptTimeout = TimeSpan.Zero; break;
                case nameof(WeChatClientOptions.BaseDelay): options.BaseDelay = TimeSpan.FromMinutes(2); break;
                case nameof(WeChatClientOptions.MaxConcurrentCalls): options.MaxConcurrentCalls = -1; break;
                default: options.BaseUrl = new Uri("ftp://api.weixin.qq.com"); break;
            }
        });

        var failure = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(property, failure.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider CreateProvider(Action<WeChatClientOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddWeChatClient(configure);
        return services.BuildServiceProvider();
    }
}
