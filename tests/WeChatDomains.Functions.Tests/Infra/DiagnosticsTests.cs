namespace WeChatDomains.Functions.Tests.Infra;

/// <summary>Issue 19, item 1 (diagnostics): every resource that has logs or metrics sends them to the workspace.</summary>
public sealed class DiagnosticsTests
{
    /// <summary>Types with no diagnostic setting of their own, each for the reason infra/main.bicep gives.</summary>
    private static readonly HashSet<string> Exempt =
    [
        "Microsoft.ManagedIdentity/userAssignedIdentities",
        "Microsoft.Authorization/roleAssignments",
        "Microsoft.Authorization/roleDefinitions",
        "Microsoft.Insights/diagnosticSettings",
        "Microsoft.Insights/scheduledQueryRules",
        "Microsoft.Insights/metricAlerts",
        "Microsoft.Insights/components",
        "Microsoft.ServiceBus/namespaces/queues",
        "Microsoft.Storage/storageAccounts/blobServices/containers",
        "Microsoft.Storage/storageAccounts/tableServices/tables",
        "Microsoft.Network/privateEndpoints",
        "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
        "Microsoft.Network/privateDnsZones",
        "Microsoft.Network/privateDnsZones/virtualNetworkLinks",
    ];

    [Fact]
    public async Task Build_EveryResourceWithTelemetry_HasADiagnosticSetting()
    {
        var template = await CompiledTemplate.MainAsync();

        var monitored = CompiledTemplate.OfType(template, "Microsoft.Insights/diagnosticSettings").Select(CompiledTemplate.ScopeType).ToHashSet();
        var missing = CompiledTemplate.Resources(template).Select(CompiledTemplate.TypeOf).Distinct()
            .Where(type => !Exempt.Contains(type) && !monitored.Contains(type))
            .ToList();

        Assert.True(missing.Count == 0, $"{missing.Count} resource type(s) without a diagnostic setting: {string.Join(", ", missing)}");
        Assert.Contains("Microsoft.KeyVault/vaults", monitored);
        Assert.Contains("Microsoft.ServiceBus/namespaces", monitored);
        Assert.Contains("Microsoft.Storage/storageAccounts/blobServices", monitored);
        Assert.Contains("Microsoft.Storage/storageAccounts/tableServices", monitored);
    }

    [Fact]
    public async Task Build_DiagnosticSettings_AllWriteToTheWorkspace()
    {
        var template = await CompiledTemplate.MainAsync();

        var settings = CompiledTemplate.OfType(template, "Microsoft.Insights/diagnosticSettings");
        var elsewhere = settings
            .Where(s => !s.GetProperty("properties").GetProperty("workspaceId").GetString()!.StartsWith("[resourceId('Microsoft.OperationalInsights/workspaces'", StringComparison.Ordinal))
            .Select(CompiledTemplate.ScopeType)
            .ToList();

        Assert.True(settings.Count > 0, "no diagnostic settings");
        Assert.True(elsewhere.Count == 0, $"{elsewhere.Count} diagnostic setting(s) not sent to the workspace: {string.Join(", ", elsewhere)}");
    }

    [Theory]
    [InlineData("Microsoft.KeyVault/vaults")] // the audit log: who read or wrote which secret
    [InlineData("Microsoft.ServiceBus/namespaces")]
    [InlineData("Microsoft.Storage/storageAccounts/blobServices")]
    [InlineData("Microsoft.Storage/storageAccounts/tableServices")]
    [InlineData("Microsoft.Web/sites")]
    public async Task Build_DiagnosticSetting_SendsAllLogs(string scopeType)
    {
        var template = await CompiledTemplate.MainAsync();

        var settings = CompiledTemplate.OfType(template, "Microsoft.Insights/diagnosticSettings").Where(s => CompiledTemplate.ScopeType(s) == scopeType).ToList();
        Assert.True(settings.Count == 1, $"{settings.Count} diagnostic settings on {scopeType}");
        var setting = settings[0];
        var groups = CompiledTemplate.Default(template, setting.GetProperty("properties"), "logs").EnumerateArray()
            .Where(l => l.GetProperty("enabled").GetBoolean())
            .Select(l => l.GetProperty("categoryGroup").GetString())
            .ToList();

        Assert.True(groups.Contains("allLogs"), $"the {scopeType} diagnostic setting sends [{string.Join(", ", groups)}], not allLogs");
    }
}
