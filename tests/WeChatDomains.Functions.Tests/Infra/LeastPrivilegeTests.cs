using System.Text.RegularExpressions;

namespace WeChatDomains.Functions.Tests.Infra;

/// <summary>
/// Issue 19, items 2 and 3: the app's identity holds exactly the roles it uses, each on the narrowest scope; the
/// Service Bus role lets the scale controller read the queue's length; Key Vault is a custom role without purge.
/// </summary>
public sealed partial class LeastPrivilegeTests
{
    private const string SecretsRole = "custom secrets role";

    private static readonly string[] ExpectedGrants =
    [
        Grant("090c5cfd-751d-490a-894a-3ce6f1109419", "Microsoft.ServiceBus/namespaces/queues"), // Service Bus Data Owner
        Grant("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts"), // Storage Blob Data Owner
        Grant("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts"), // Storage Table Data Contributor
        Grant("3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components"), // Monitoring Metrics Publisher
        Grant(SecretsRole, "Microsoft.KeyVault/vaults"),
    ];

    [Theory]
    [InlineData("090c5cfd-751d-490a-894a-3ce6f1109419", "Microsoft.ServiceBus/namespaces/queues")] // Service Bus Data Owner: receive, send, and the queue length for scaling
    [InlineData("b7e6dc6d-f1e8-4753-8033-0f276bb0955b", "Microsoft.Storage/storageAccounts")] // Storage Blob Data Owner: host storage, deployment package
    [InlineData("0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3", "Microsoft.Storage/storageAccounts")] // Storage Table Data Contributor: status store
    [InlineData("3913510d-42f4-4e42-8a64-420c390055eb", "Microsoft.Insights/components")] // Monitoring Metrics Publisher: Entra-auth telemetry
    [InlineData(SecretsRole, "Microsoft.KeyVault/vaults")] // tickets and tokens
    public async Task Build_RoleAssignments_GrantTheAppEachRoleItNeedsOnItsScope(string role, string scopeType)
    {
        var grants = await GrantsAsync();

        Assert.True(grants.Contains(Grant(role, scopeType)), $"{role} on {scopeType} is not granted; granted: {string.Join(", ", grants)}");
    }

    [Fact]
    public async Task Build_RoleAssignments_GrantNothingTheAppDoesNotUse()
    {
        var grants = await GrantsAsync();

        var extra = grants.Except(ExpectedGrants).ToList();
        Assert.True(extra.Count == 0, $"{extra.Count} grant(s) beyond what the app uses: {string.Join(", ", extra)}");
        Assert.Equal(ExpectedGrants.Length, grants.Count);
    }

    [Fact]
    public async Task Build_ServiceBusRole_IsOnTheQueueAndIncludesManageForTheScaleController()
    {
        var grants = await GrantsAsync();

        var serviceBus = grants.Where(g => g.Contains("Microsoft.ServiceBus/", StringComparison.Ordinal)).ToList();
        // Azure Service Bus Data Owner is the built-in role that carries the Manage right GetQueueRuntimeProperties needs.
        Assert.Equal([Grant("090c5cfd-751d-490a-894a-3ce6f1109419", "Microsoft.ServiceBus/namespaces/queues")], serviceBus);
    }

    [Fact]
    public async Task Build_SecretsRole_AllowsGetSetDeleteRecoverOnlyAndIsAssignableInTheResourceGroup()
    {
        var template = await CompiledTemplate.MainAsync();

        var role = CompiledTemplate.OfType(template, "Microsoft.Authorization/roleDefinitions").Single().GetProperty("properties");
        var permissions = role.GetProperty("permissions").EnumerateArray().Single();
        var dataActions = CompiledTemplate.Default(template, permissions, "dataActions").EnumerateArray().Select(a => a.GetString()!).Order().ToList();

        Assert.Equal(
            [
                "Microsoft.KeyVault/vaults/secrets/delete",
                "Microsoft.KeyVault/vaults/secrets/getSecret/action",
                "Microsoft.KeyVault/vaults/secrets/recover/action",
                "Microsoft.KeyVault/vaults/secrets/setSecret/action",
            ],
            dataActions);
        Assert.Empty(permissions.GetProperty("actions").EnumerateArray());
        Assert.Equal("CustomRole", role.GetProperty("type").GetString());
        Assert.Equal(["[resourceGroup().id]"], role.GetProperty("assignableScopes").EnumerateArray().Select(s => s.GetString()));
    }

    private static string Grant(string role, string scopeType) => $"{role} on {scopeType}";

    /// <summary>Every role assignment of the template as "role on scope type"; a loop counts each of its roles.</summary>
    private static async Task<List<string>> GrantsAsync()
    {
        var template = await CompiledTemplate.MainAsync();
        var builtIn = CompiledTemplate.Variable(template, "roles").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        var customName = CompiledTemplate.OfType(template, "Microsoft.Authorization/roleDefinitions").Single().GetProperty("name").GetString()!.Trim('[', ']');

        var grants = new List<string>();
        foreach (var assignment in CompiledTemplate.OfType(template, "Microsoft.Authorization/roleAssignments"))
        {
            var roleDefinitionId = assignment.GetProperty("properties").GetProperty("roleDefinitionId").GetString()!;
            var scopeType = CompiledTemplate.ScopeType(assignment) ?? "resource group";
            var roles = RoleReference().Matches(roleDefinitionId)
                .Select(m => m.Groups["key"].Success ? builtIn[m.Groups["key"].Value] : m.Groups["id"].Value)
                .ToList();
            if (roleDefinitionId.Contains(customName, StringComparison.Ordinal))
            {
                roles.Add(SecretsRole);
            }

            Assert.True(roles.Count > 0, $"role assignment {assignment.GetProperty("name")} grants a role this test cannot name: {roleDefinitionId}");
            grants.AddRange(roles.Select(r => Grant(r, scopeType)));
        }

        return grants;
    }

    /// <summary>A role named through the <c>roles</c> variable, or a role definition id written literally.</summary>
    [GeneratedRegex(@"variables\('roles'\)\.(?<key>\w+)|'(?<id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})'")]
    private static partial Regex RoleReference();
}
