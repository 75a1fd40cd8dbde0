using WeChatDomains.Core.Processing;

namespace WeChatDomains.Functions.Tests.Infra;

/// <summary>infra/main.bicep compiles and lints clean with the pinned Bicep CLI, and deploys what DESIGN section 8 needs.</summary>
public sealed class BicepTests
{
    [Fact]
    public async Task Build_MainTemplate_HasNoErrorOrWarning()
    {
        var (exitCode, output, errors) = await BicepCli.RunAsync("build", BicepCli.MainTemplate, "--stdout");

        Assert.True(exitCode == 0, errors);
        Assert.True(errors.Trim().Length == 0, errors);
        Assert.StartsWith("{", output.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lint_MainTemplate_ReportsNothing()
    {
        var (exitCode, output, errors) = await BicepCli.RunAsync("lint", BicepCli.MainTemplate);

        Assert.True(exitCode == 0, errors);
        Assert.True((output + errors).Trim().Length == 0, output + errors);
    }

    [Fact]
    public async Task Build_CommandsQueue_HasSessionsDuplicateDetectionDeliveryCountAndExpiryDeadLettering()
    {
        var template = await CompiledTemplate.MainAsync();

        var queue = CompiledTemplate.OfType(template, "Microsoft.ServiceBus/namespaces/queues").Single().GetProperty("properties");

        Assert.True(queue.GetProperty("requiresSession").GetBoolean());
        Assert.True(queue.GetProperty("requiresDuplicateDetection").GetBoolean());
        Assert.True(queue.GetProperty("deadLetteringOnMessageExpiration").GetBoolean());
        Assert.Equal("PT1H", CompiledTemplate.Default(template, queue, "duplicateDetectionHistoryTimeWindow").GetString());
        Assert.True(CompiledTemplate.Default(template, queue, "maxDeliveryCount").GetInt32() > new ProcessingOptions().MaxDeliveries);
    }

    [Fact]
    public async Task Build_FunctionApp_IsFlexConsumptionDotnetIsolatedWithAUserAssignedIdentity()
    {
        var template = await CompiledTemplate.MainAsync();

        var plan = CompiledTemplate.OfType(template, "Microsoft.Web/serverfarms").Single();
        var app = CompiledTemplate.OfType(template, "Microsoft.Web/sites").Single();

        Assert.Equal("FlexConsumption", plan.GetProperty("sku").GetProperty("tier").GetString());
        Assert.Equal("UserAssigned", app.GetProperty("identity").GetProperty("type").GetString());
        Assert.Equal("dotnet-isolated", app.GetProperty("properties").GetProperty("functionAppConfig").GetProperty("runtime").GetProperty("name").GetString());
        var settings = app.GetProperty("properties").GetProperty("siteConfig").GetProperty("appSettings").EnumerateArray().Select(s => s.GetProperty("name").GetString()).ToList();
        Assert.Contains("ServiceBus__fullyQualifiedNamespace", settings);
        Assert.Contains("CommandsQueueName", settings);
        Assert.Contains("AzureWebJobsStorage__accountName", settings);
        Assert.DoesNotContain("AzureWebJobsStorage", settings);
        Assert.DoesNotContain("FUNCTIONS_WORKER_RUNTIME", settings);
    }
}
