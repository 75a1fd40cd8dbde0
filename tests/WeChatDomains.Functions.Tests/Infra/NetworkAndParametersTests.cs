using System.Text.Json;

namespace WeChatDomains.Functions.Tests.Infra;

/// <summary>
/// Issue 19, item 4: private networking and storage redundancy are parameters whose defaults keep a first deployment
/// as it was; the outputs name what an operator checks after a what-if and a deployment.
/// </summary>
public sealed class NetworkAndParametersTests
{
    private const string PrivateNetworkingCondition = "[parameters('privateNetworking')]";

    [Fact]
    public async Task Build_ProductionParameters_DefaultToAFirstDeployment()
    {
        var template = await CompiledTemplate.MainAsync();

        Assert.False(CompiledTemplate.ParameterDefault(template, "privateNetworking").GetBoolean());
        Assert.Equal("Standard_LRS", CompiledTemplate.ParameterDefault(template, "storageSku").GetString());
        Assert.Equal("Standard", CompiledTemplate.ParameterDefault(template, "serviceBusSku").GetString());
        var redundancies = template.GetProperty("parameters").GetProperty("storageSku").GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString());
        Assert.Contains("Standard_ZRS", redundancies);
        var storage = CompiledTemplate.OfType(template, "Microsoft.Storage/storageAccounts").Single();
        Assert.Equal("[parameters('storageSku')]", storage.GetProperty("sku").GetProperty("name").GetString());
    }

    [Fact]
    public async Task Build_PrivateNetworking_PutsVaultStorageAndServiceBusBehindPrivateEndpoints()
    {
        var template = await CompiledTemplate.MainAsync();

        var groups = CompiledTemplate.Variable(template, "privateLinks").EnumerateArray().Select(l => l.GetProperty("groupId").GetString()).Order().ToList();
        Assert.Equal(["blob", "namespace", "table", "vault"], groups);
        foreach (var type in new[]
                 {
                     "Microsoft.Network/virtualNetworks", "Microsoft.Network/privateEndpoints", "Microsoft.Network/privateDnsZones",
                     "Microsoft.Network/privateDnsZones/virtualNetworkLinks", "Microsoft.Network/privateEndpoints/privateDnsZoneGroups",
                 })
        {
            var resource = CompiledTemplate.OfType(template, type).SingleOrDefault();
            Assert.True(resource.ValueKind == JsonValueKind.Object, $"no {type}");
            Assert.True(resource.TryGetProperty("condition", out var condition) && condition.GetString() == PrivateNetworkingCondition, $"{type} is not conditional on privateNetworking");
        }

        var subnets = CompiledTemplate.OfType(template, "Microsoft.Network/virtualNetworks").Single().GetProperty("properties").GetProperty("subnets").GetRawText();
        Assert.Contains("Microsoft.App/environments", subnets, StringComparison.Ordinal);
        var app = CompiledTemplate.OfType(template, "Microsoft.Web/sites").Single();
        Assert.Contains("parameters('privateNetworking')", app.GetProperty("properties").GetProperty("virtualNetworkSubnetId").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Microsoft.KeyVault/vaults")]
    [InlineData("Microsoft.Storage/storageAccounts")]
    [InlineData("Microsoft.ServiceBus/namespaces")]
    public async Task Build_PrivateNetworking_TurnsPublicNetworkAccessOff(string type)
    {
        var template = await CompiledTemplate.MainAsync();

        var resource = CompiledTemplate.OfType(template, type).Single();

        Assert.Equal("[variables('publicNetworkAccess')]", resource.GetProperty("properties").GetProperty("publicNetworkAccess").GetString());
        Assert.Equal("[if(parameters('privateNetworking'), 'Disabled', 'Enabled')]", CompiledTemplate.Variable(template, "publicNetworkAccess").GetString());
    }

    [Fact]
    public async Task Build_PrivateNetworking_ForcesServiceBusPremium()
    {
        var template = await CompiledTemplate.MainAsync();

        var serviceBus = CompiledTemplate.OfType(template, "Microsoft.ServiceBus/namespaces").Single();

        Assert.Equal("[variables('effectiveServiceBusSku')]", serviceBus.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("[if(parameters('privateNetworking'), 'Premium', parameters('serviceBusSku'))]", CompiledTemplate.Variable(template, "effectiveServiceBusSku").GetString());
    }

    [Theory]
    [InlineData("keyVaultName")]
    [InlineData("storageAccountName")]
    [InlineData("storageSku")]
    [InlineData("serviceBusSku")]
    [InlineData("privateNetworking")]
    [InlineData("logAnalyticsWorkspaceId")]
    [InlineData("secretsRoleDefinitionId")]
    [InlineData("alertRuleNames")]
    [InlineData("functionAppName")]
    public async Task Build_Output_IsThereAndDescribed(string name)
    {
        var template = await CompiledTemplate.MainAsync();

        Assert.True(template.GetProperty("outputs").TryGetProperty(name, out var output), $"no output {name}");
        Assert.False(string.IsNullOrWhiteSpace(output.GetProperty("metadata").GetProperty("description").GetString()));
    }

    [Fact]
    public async Task Build_MainTemplate_IsDeterministicSoWhatIfShowsOnlyRealChanges()
    {
        var template = await CompiledTemplate.MainAsync();

        var text = template.GetRawText();

        Assert.DoesNotContain("utcNow(", text, StringComparison.Ordinal);
        Assert.DoesNotContain("newGuid(", text, StringComparison.Ordinal);
    }
}
