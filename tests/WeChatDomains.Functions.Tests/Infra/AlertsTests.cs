using System.Diagnostics.Metrics;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.Core.Tokens;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Functions.Tests.Infra;

/// <summary>
/// Issue 19, item 1 (alerts): a rule for each signal that hurts, driven by what the app emits, notifying the action
/// group parameter.
/// </summary>
public sealed partial class AlertsTests
{
    [Theory]
    [InlineData("ticket-stale", SecretNames.ComponentVerifyTicket, "SecretSet")]
    [InlineData("token-refresh-failed", TokenMetrics.RefreshesInstrument, nameof(RefreshStatus.Failed))]
    [InlineData("deferred-piling-up", "wechatdomains.commands", nameof(CommandState.Deferred))]
    [InlineData("authorizer-needs-reauthorization", "wechatdomains.commands", nameof(WeChatErrorClass.AuthorizationLost))]
    public async Task Build_LogAlert_QueriesTheSignalTheAppEmits(string name, string source, string value)
    {
        var template = await CompiledTemplate.MainAsync();

        var alert = LogAlerts(template).SingleOrDefault(a => a.GetProperty("name").GetString() == name);
        Assert.True(alert.ValueKind == JsonValueKind.Object, $"no log alert {name}; there are: {string.Join(", ", LogAlerts(template).Select(a => a.GetProperty("name")))}");
        var query = alert.GetProperty("query").GetString()!;
        Assert.Contains(source, query, StringComparison.Ordinal);
        Assert.Contains($"\"{value}\"", query, StringComparison.Ordinal);
        var rules = CompiledTemplate.OfType(template, "Microsoft.Insights/scheduledQueryRules").Single();
        Assert.Equal("[length(variables('logAlerts'))]", rules.GetProperty("copy").GetProperty("count").GetString());
    }

    [Fact]
    public async Task Build_TicketAlert_FiresWhenNoTicketWasStoredFor30Minutes()
    {
        var template = await CompiledTemplate.MainAsync();

        var alert = LogAlerts(template).Single(a => a.GetProperty("name").GetString() == "ticket-stale");

        Assert.Equal("vault", alert.GetProperty("scope").GetString());
        Assert.Equal("PT30M", alert.GetProperty("windowSize").GetString());
        Assert.Equal("LessThan", alert.GetProperty("operator").GetString());
        Assert.Equal(1, alert.GetProperty("threshold").GetInt32());
    }

    [Fact]
    public async Task Build_AlertQueries_NameOnlyInstrumentsTheAppPublishes()
    {
        var template = await CompiledTemplate.MainAsync();
        var published = PublishedInstruments();

        var queried = LogAlerts(template).SelectMany(a => MetricName().Matches(a.GetProperty("query").GetString()!)).Select(m => m.Groups["name"].Value).ToHashSet();
        var unknown = queried.Except(published).ToList();

        Assert.True(queried.Count >= 2, $"the log alerts query {queried.Count} metric(s)");
        Assert.True(unknown.Count == 0, $"alerts query {string.Join(", ", unknown)}, which the app does not publish (it publishes {string.Join(", ", published)})");
    }

    [Theory]
    [InlineData("DeadletteredMessages", "Microsoft.ServiceBus/namespaces", "EntityName", "[parameters('commandsQueueName')]")]
    [InlineData("ServiceApiResult", "Microsoft.KeyVault/vaults", "StatusCode", "429")]
    public async Task Build_MetricAlert_WatchesThePlatformMetric(string metric, string scopeType, string dimension, string value)
    {
        var template = await CompiledTemplate.MainAsync();

        var alerts = CompiledTemplate.OfType(template, "Microsoft.Insights/metricAlerts");
        var alert = alerts.SingleOrDefault(a => Criterion(a).GetProperty("metricName").GetString() == metric);
        Assert.True(alert.ValueKind == JsonValueKind.Object, $"no metric alert on {metric} among {alerts.Count}");
        Assert.StartsWith($"[resourceId('{scopeType}'", alert.GetProperty("properties").GetProperty("scopes")[0].GetString(), StringComparison.Ordinal);
        var filter = Criterion(alert).GetProperty("dimensions").EnumerateArray().Single();
        Assert.Equal(dimension, filter.GetProperty("name").GetString());
        Assert.Equal([value], filter.GetProperty("values").EnumerateArray().Select(v => v.GetString()));
        Assert.Equal("GreaterThan", Criterion(alert).GetProperty("operator").GetString());
    }

    [Fact]
    public async Task Build_EveryAlertRule_NotifiesTheActionGroupParameter()
    {
        var template = await CompiledTemplate.MainAsync();

        var logRules = CompiledTemplate.OfType(template, "Microsoft.Insights/scheduledQueryRules");
        var metricRules = CompiledTemplate.OfType(template, "Microsoft.Insights/metricAlerts");

        Assert.Equal("", CompiledTemplate.ParameterDefault(template, "actionGroupId").GetString());
        Assert.Contains("parameters('actionGroupId')", CompiledTemplate.Variable(template, "alertActions").GetString(), StringComparison.Ordinal);
        Assert.All(logRules, r => Assert.Equal("[variables('alertActions')]", r.GetProperty("properties").GetProperty("actions").GetProperty("actionGroups").GetString()));
        Assert.All(metricRules, r => Assert.Contains(
            r.GetProperty("properties").GetProperty("copy").EnumerateArray(),
            c => c.GetProperty("name").GetString() == "actions" && c.GetProperty("count").GetString() == "[length(variables('alertActions'))]"));
        Assert.Equal(2, metricRules.Count);
    }

    private static List<JsonElement> LogAlerts(JsonElement template) => [.. CompiledTemplate.Variable(template, "logAlerts").EnumerateArray()];

    private static JsonElement Criterion(JsonElement metricAlert) =>
        metricAlert.GetProperty("properties").GetProperty("criteria").GetProperty("allOf").EnumerateArray().Single();

    /// <summary>Names of the instruments Core's meters publish, seen by a listener on a fresh meter factory.</summary>
    private static HashSet<string> PublishedInstruments()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var names = new HashSet<string>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, _) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                lock (names)
                {
                    names.Add(instrument.Name);
                }
            }
        };
        listener.Start();

        using var processing = new ProcessingTelemetry(factory);
        _ = new TokenMetrics(factory, new FakeTimeProvider());
        return names;
    }

    [GeneratedRegex("""customMetrics \| where name == "(?<name>[^"]+)" """)]
    private static partial Regex MetricName();
}
