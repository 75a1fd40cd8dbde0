using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using WeChatDomains.Core.Processing;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Pipeline.Tests;

/// <summary>Commands and WeChat calls are counted, and each command runs in an Activity that names it.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class TelemetryTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task Process_Success_CountsTheCommandAndTheCallAndTracesIt()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        var meterFactory = harness.Services.GetRequiredService<IMeterFactory>();
        using var commands = new MetricCollector<long>(meterFactory, ProcessingTelemetry.Name, "wechatdomains.commands");
        using var calls = new MetricCollector<long>(meterFactory, ProcessingTelemetry.Name, "wechatdomains.wechat.calls");
        var activities = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == ProcessingTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activities.Add,
        };
        ActivitySource.AddActivityListener(listener);

        await harness.ProcessAsync(PipelineHarness.AddRequestDomain("telemetry-1"));

        var counted = Assert.Single(commands.GetMeasurementSnapshot());
        Assert.Equal("Succeeded", counted.Tags["state"]);
        var call = Assert.Single(calls.GetMeasurementSnapshot());
        Assert.Equal(WeChatApi.ModifyDomain, call.Tags["api"]);
        Assert.Equal("Success", call.Tags["class"]);
        var activity = Assert.Single(activities, a => a.GetTagItem("wechatdomains.command_id") as string == "telemetry-1");
        Assert.Equal(Sandbox.SandboxSeed.MiniProgramAppId, activity.GetTagItem("wechatdomains.authorizer"));
    }
}
