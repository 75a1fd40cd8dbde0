using System.Text.Json;
using WeChatDomains.Core.Processing;

namespace WeChatDomains.Functions.Tests.Infra;

/// <summary>infra/main.bicep compiles and lints clean with the pinned Bicep CLI, and deploys what DESIGN section 8 needs.</summary>
public sealed class BicepTests
{
    private static readonly Lazy<Task<JsonElement>> Compiled = new(CompileAsync);

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
        var template = await Compiled.Value;

        var queue = Resources(template).Single(r => r.GetProperty("type").GetString() == "Microsoft.ServiceBus/namespaces/queues").GetProperty("properties");

        Assert.True(queue.GetProperty("requiresSession").GetBoolean());
        Assert.True(queue.GetProperty("requiresDuplicateDetection").GetBoolean());
        Assert.True(queue.GetProperty("deadLetteringOnMessageExpiration").GetBoolean());
        Assert.Equal("PT1H", Default(template, queue, "duplicateDetectionHistoryTimeWindow").GetString());
        Assert.True(Default(template, queue, "maxDeliveryCount").GetInt32() > new ProcessingOptions().MaxDeliveries);
    }

    [Fact]
    public async Task Build_FunctionApp_IsFlexConsumptionDotnetIsolatedWithAUserAssignedIdentity()
    {
        var template = await Compiled.Value;
        var resources = Resources(template).ToList();

        var plan = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/serverfarms");
        var app = resources.Single(r => r.GetProperty("type").GetString() == "Microsoft.Web/sites");

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

    [Theory]
    [InlineData("4f6d3b9b-027b-4f4c-9142-0e5a2a2247e0")] // Azure Service Bus Data Receiver
    [InlineData("69a216fc-b8fb-44d8-bc22-1f3c2552a0ee")] // Azure Service Bus Data Sender
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b")] // Storage Blob Data Owner (host storage, deployment package)
    [InlineData("974c5e8b-45b9-4653-ba55-5f855dd0fb88")] // Storage Queue Data Contributor (host)
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3")] // Storage Table Data Contributor (status store)
    [InlineData("b86a8fe4-44ce-4948-aee5-eccb2c155cd7")] // Key Vault Secrets Officer (tickets, tokens)
    [InlineData("3913510d-42f4-4e42-8a64-420c390055eb")] // Monitoring Metrics Publisher (Entra-auth telemetry)
    public async Task Build_RoleAssignments_GrantTheAppEachRoleItNeeds(string roleDefinitionId)
    {
        var template = await Compiled.Value;

        var roles = template.GetProperty("variables").GetProperty("roles").EnumerateObject().ToDictionary(p => p.Value.GetString()!, p => p.Name);
        Assert.True(roles.TryGetValue(roleDefinitionId, out var roleName), $"role {roleDefinitionId} is not declared");
        var assignments = Resources(template).Where(r => r.GetProperty("type").GetString() == "Microsoft.Authorization/roleAssignments").Select(r => r.GetRawText());
        Assert.Contains(assignments, a => a.Contains(roleName, StringComparison.Ordinal));
    }

    private static async Task<JsonElement> CompileAsync()
    {
        var (exitCode, output, errors) = await BicepCli.RunAsync("build", BicepCli.MainTemplate, "--stdout");
        Assert.True(exitCode == 0, errors);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    private static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Array ? resources.EnumerateArray() : resources.EnumerateObject().Select(p => p.Value);
    }

    /// <summary>A property given as <c>[parameters('x')]</c> resolved to the parameter's default value.</summary>
    private static JsonElement Default(JsonElement template, JsonElement properties, string name)
    {
        var value = properties.GetProperty(name);
        if (value.ValueKind != JsonValueKind.String || !value.GetString()!.StartsWith("[parameters('", StringComparison.Ordinal))
        {
            return value;
        }

        var parameter = value.GetString()!["[parameters('".Length..^"')]".Length];
        return template.GetProperty("parameters").GetProperty(parameter).GetProperty("defaultValue");
    }
}
