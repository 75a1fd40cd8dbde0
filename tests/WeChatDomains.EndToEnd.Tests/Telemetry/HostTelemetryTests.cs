using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using WeChatDomains.Core.Ports;
using WeChatDomains.Sandbox;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Testing;

namespace WeChatDomains.EndToEnd.Tests.Telemetry;

/// <summary>
/// The Host's OpenTelemetry pipeline (issue 17): a processor added to the Host's tracer provider sees the Functions
/// app's <c>ProcessCommand</c> activity with commandId, api, errcode and class, and no token anywhere in its tags; a
/// reader added to the Host's meter provider gets the processing meters under the Functions app's names.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HostTelemetryTests(AzuriteFixture azurite)
{
    private const string ProcessingSource = "WeChatDomains.Processing";

    [Theory]
    [InlineData("otel-succeeded", null, 0, "Success")]
    [InlineData("otel-invalid", 85015, 85015, "InvalidRequest")]
    public async Task ProcessCommand_Processed_ActivityTaggedWithCommandApiErrcodeClassAndNoToken(string commandId, int? injected, int errcode, string errorClass)
    {
        var ended = new ConcurrentQueue<Activity>();
        await using var system = await LocalSystem.StartAsync(azurite, s => s.ConfigureOpenTelemetryTracerProvider(t => t.AddProcessor(new EndedActivities(ended))));
        await system.OnboardAsync(SandboxSeed.MiniProgramAppId);
        if (injected is { } code)
        {
            await system.Sandbox.SetFaultsAsync(new FaultSettings { Seed = 1, Apis = { ["modify_domain"] = new ApiFaults { Errcodes = { [code] = 1.0 } } } });
        }

        using var response = await system.SubmitAsync(Commands.AddRequestDomain(commandId));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await system.WaitForEndAsync(commandId);
        var activity = await Eventually.ValueAsync(
            () => Task.FromResult(ended.LastOrDefault(a => a.Source.Name == ProcessingSource && (string?)a.GetTagItem("wechatdomains.command_id") == commandId)),
            $"the ProcessCommand activity of {commandId} ended");

        Assert.Equal("ProcessCommand", activity.OperationName);
        Assert.Equal("modify_domain", activity.GetTagItem("wechatdomains.api"));
        Assert.Equal(SandboxSeed.MiniProgramAppId, activity.GetTagItem("wechatdomains.authorizer"));
        Assert.Equal(errcode, activity.GetTagItem("wechatdomains.errcode"));
        Assert.Equal(errorClass, activity.GetTagItem("wechatdomains.error_class"));
        var token = (await system.Vault.GetAsync(SecretNames.AuthorizerAccessToken(SandboxSeed.MiniProgramAppId)))!.Value;
        var leaks = ended.SelectMany(a => a.TagObjects.Select(t => $"{a.OperationName} {t.Key}={t.Value}"))
            .Where(t => t.Contains(token, StringComparison.Ordinal)).ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} tag(s) carry the authorizer token: {string.Join(", ", leaks.Select(l => l.Split('=')[0]))}");
    }

    [Fact]
    public async Task ProcessCommand_Processed_ProcessingMetricsOnTheHostsMeterProvider()
    {
        var exported = new ConcurrentQueue<string>();
        await using var system = await LocalSystem.StartAsync(azurite, s => s.ConfigureOpenTelemetryMeterProvider(m => m.AddReader(new BaseExportingMetricReader(new MetricNames(exported)))));
        await system.OnboardAsync(SandboxSeed.MiniProgramAppId);

        using var response = await system.SubmitAsync(Commands.AddRequestDomain("otel-metrics"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await system.WaitForEndAsync("otel-metrics");
        await Eventually.TrueAsync(
            () => Task.FromResult(system.Services.GetRequiredService<MeterProvider>().ForceFlush() && exported.Contains($"{ProcessingSource} wechatdomains.commands")),
            "the Host's meter provider exported wechatdomains.commands");

        Assert.Contains($"{ProcessingSource} wechatdomains.wechat.calls", exported);
        Assert.Contains($"{ProcessingSource} wechatdomains.wechat.call.duration", exported);
    }

    /// <summary>Keeps the meter and instrument names of every metric the Host's meter provider exports.</summary>
    private sealed class MetricNames(ConcurrentQueue<string> names) : BaseExporter<Metric>
    {
        public override ExportResult Export(in Batch<Metric> batch)
        {
            foreach (var metric in batch)
            {
                names.Enqueue($"{metric.MeterName} {metric.Name}");
            }

            return ExportResult.Success;
        }
    }

    /// <summary>Keeps every activity the Host's tracer provider ends.</summary>
    private sealed class EndedActivities(ConcurrentQueue<Activity> ended) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => ended.Enqueue(data);
    }
}
