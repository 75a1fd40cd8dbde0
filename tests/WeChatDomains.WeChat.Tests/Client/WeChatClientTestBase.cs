using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.WeChat.Tests.Client;

/// <summary>
/// A <see cref="RecordingWeChatServer"/> per test and a client built through <c>AddWeChatClient</c> on a
/// <see cref="FakeTimeProvider"/>, with zero backoff (time only moves when a test advances it) and fake logging.
/// </summary>
public abstract class WeChatClientTestBase : IAsyncLifetime
{
    protected const string AuthorizerTokenValue = "AUTHORIZER-TOKEN-a1b2c3";
    protected const string ComponentTokenValue = "COMPONENT-TOKEN-d4e5f6";
    protected const int RetryCount = 2;

    private readonly List<ServiceProvider> _providers = [];
    private ServiceProvider? _lastProvider;

    protected static AccessToken AuthorizerToken { get; } = new(AuthorizerTokenValue);

    protected static AccessToken ComponentToken { get; } = new(ComponentTokenValue);

    protected RecordingWeChatServer Server { get; private set; } = null!;

    protected FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero));

    protected FakeLogCollector Logs => (_lastProvider ?? throw new InvalidOperationException("Call CreateSut first.")).GetFakeLogCollector();

    public async Task InitializeAsync() => Server = await RecordingWeChatServer.StartAsync();

    public async Task DisposeAsync()
    {
        foreach (var provider in _providers)
        {
            await provider.DisposeAsync();
        }

        await Server.DisposeAsync();
    }

    protected IWeChatClient CreateSut(Action<WeChatClientOptions>? configure = null)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddLogging(logging => logging.AddFakeLogging().SetMinimumLevel(LogLevel.Trace));
        services.AddWeChatClient(options =>
        {
            options.BaseUrl = Server.BaseAddress;
            options.RetryCount = RetryCount;
            options.BaseDelay = TimeSpan.Zero;
            configure?.Invoke(options);
        });
        _lastProvider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
        _providers.Add(_lastProvider);
        return _lastProvider.GetRequiredService<IWeChatClient>();
    }

    protected RecordedRequest SingleRequest() => Assert.Single(Server.Requests);

    protected static ModifyDomainRequest AddRequestDomain(params string[] hosts) =>
        new(DomainAction.Add, new ServerDomains { RequestDomain = hosts });
}
