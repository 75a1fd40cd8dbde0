using System.Text.Json.Nodes;

namespace WeChatDomains.Host.Tests.Runtime;

/// <summary>The runtime settings the Host's build gives it (its <c>runtimeconfig.json</c>, next to these tests).</summary>
public sealed class HostRuntimeSettingsTests
{
    [Theory]
    [InlineData("System.GC.Server", "false")]
    [InlineData("System.GC.ConserveMemory", "9")]
    [InlineData("System.GC.Gen0MaxBudget", "4194304")]
    [InlineData("System.Runtime.TieredPGO", "false")]
    [InlineData("System.Runtime.TieredCompilation", "false")]
    public void RuntimeConfig_Issue16_KeepsTheHostsMemorySmall(string property, string expected)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "WeChatDomains.Host.runtimeconfig.json");
        var config = JsonNode.Parse(File.ReadAllText(path))!;

        Assert.Equal(expected, config["runtimeOptions"]?["configProperties"]?[property]?.ToJsonString());
    }
}
