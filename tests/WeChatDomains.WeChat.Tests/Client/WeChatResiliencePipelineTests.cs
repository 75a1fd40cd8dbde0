using Microsoft.Extensions.Time.Testing;
using Polly;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Client.Wire;

namespace WeChatDomains.WeChat.Tests.Client;

public sealed class WeChatResiliencePipelineTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public void CreateRetryOptions_FromOptions_UsesExponentialBackoffWithJitter()
    {
        var options = new WeChatClientOptions { RetryCount = 4, BaseDelay = TimeSpan.FromSeconds(2), MaxDelay = TimeSpan.FromSeconds(20) };

        var retry = WeChatResiliencePipeline.CreateRetryOptions(options);

        Assert.Equal(4, retry.MaxRetryAttempts);
        Assert.Equal(DelayBackoffType.Exponential, retry.BackoffType);
        Assert.True(retry.UseJitter);
        Assert.Equal(TimeSpan.FromSeconds(2), retry.Delay);
        Assert.Equal(TimeSpan.FromSeconds(20), retry.MaxDelay);
    }

    [Fact]
    public async Task Pipeline_SystemBusy_WaitsForTheBackoffOnTheInjectedClock()
    {
        var pipeline = CreateSut(new WeChatClientOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) });
        var calls = 0;
        var context = ResilienceContextPool.Shared.Get();
        context.Properties.Set(WeChatRetryPolicy.RetryAmbiguousKey, true);

        var execution = pipeline.ExecuteAsync(_ => ValueTask.FromResult(++calls == 1 ? Answer(-1) : Answer(0)), context).AsTask();

        Assert.Equal(1, calls);
        Assert.False(execution.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(5));
        var attempt = await execution;
        Assert.Equal(2, calls);
        Assert.Equal(0, attempt.ErrorCode);
    }

    [Fact]
    public async Task Pipeline_SystemBusyOnACallThatChangesState_IsNotReplayed_Issue12()
    {
        var pipeline = CreateSut(new WeChatClientOptions { BaseDelay = TimeSpan.FromSeconds(1), MaxDelay = TimeSpan.FromSeconds(5) });
        var calls = 0;
        var context = ResilienceContextPool.Shared.Get();
        context.Properties.Set(WeChatRetryPolicy.RetryAmbiguousKey, false);

        var attempt = await pipeline.ExecuteAsync(_ => ValueTask.FromResult(++calls == 1 ? Answer(-1) : Answer(0)), context);

        Assert.Equal(1, calls);
        Assert.Equal(-1, attempt.ErrorCode);
    }

    [Theory]
    [InlineData(WeChatApi.ModifyDomain, DomainAction.Add, false)]
    [InlineData(WeChatApi.ModifyDomainDirectly, DomainAction.Set, false)]
    [InlineData(WeChatApi.SetWebviewDomain, null, false)]
    [InlineData(WeChatApi.SetWebviewDomain, DomainAction.Delete, false)]
    [InlineData(WeChatApi.ModifyWxaJumpDomain, DomainAction.Add, false)]
    [InlineData(WeChatApi.ModifyWxaJumpDomain, DomainAction.Get, true)]
    [InlineData(WeChatApi.ModifyDomain, DomainAction.Get, true)]
    [InlineData(WeChatApi.GetEffectiveDomain, null, true)]
    [InlineData(WeChatApi.ComponentToken, null, true)]
    [InlineData(WeChatApi.QueryAuth, null, true)]
    public void RetriesAmbiguous_ByApiAndAction_OnlyForCallsThatChangeNothing(string api, string? action, bool expected) =>
        Assert.Equal(expected, WeChatRetryPolicy.RetriesAmbiguous(api, action));

    private static WeChatAttempt Answer(int errcode) => new(200, new ServerDomainsWire { ErrCode = errcode });

    private ResiliencePipeline<WeChatAttempt> CreateSut(WeChatClientOptions options)
    {
        var builder = new ResiliencePipelineBuilder<WeChatAttempt>();
        WeChatResiliencePipeline.Configure(builder, options, _time);
        return builder.Build();
    }
}
