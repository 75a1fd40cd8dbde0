using System.Text.Json;
using System.Text.RegularExpressions;

namespace WeChatDomains.Functions.Tests.Infra;

/// <summary>
/// infra/main.bicep compiled once per test run to ARM JSON, and the ways tests read it: resources by type, the type a
/// scope expression names, a property resolved to its parameter's default.
/// </summary>
internal static partial class CompiledTemplate
{
    private static readonly Lazy<Task<JsonElement>> Main = new(CompileAsync);

    /// <summary>The compiled main template.</summary>
    public static Task<JsonElement> MainAsync() => Main.Value;

    /// <summary>Every resource of the template (language version 1 arrays and 2.0 symbolic-name objects alike).</summary>
    public static IEnumerable<JsonElement> Resources(JsonElement template)
    {
        var resources = template.GetProperty("resources");
        return resources.ValueKind == JsonValueKind.Array ? resources.EnumerateArray() : resources.EnumerateObject().Select(p => p.Value);
    }

    /// <summary>The resources of one type.</summary>
    public static List<JsonElement> OfType(JsonElement template, string type) =>
        Resources(template).Where(r => TypeOf(r) == type).ToList();

    /// <summary>The resource's type.</summary>
    public static string TypeOf(JsonElement resource) => resource.GetProperty("type").GetString()!;

    /// <summary>
    /// The resource type an extension resource is scoped to, read from its <c>[resourceId('type', ...)]</c> scope;
    /// null when it has no scope (it then applies to the resource group).
    /// </summary>
    public static string? ScopeType(JsonElement resource)
    {
        if (!resource.TryGetProperty("scope", out var scope))
        {
            return null;
        }

        var match = ResourceIdType().Match(scope.GetString()!);
        Assert.True(match.Success, $"scope {scope.GetString()} does not start with resourceId('<type>', ...)");
        return match.Groups["type"].Value;
    }

    /// <summary>A variable of the template.</summary>
    public static JsonElement Variable(JsonElement template, string name) => template.GetProperty("variables").GetProperty(name);

    /// <summary>A parameter's default value.</summary>
    public static JsonElement ParameterDefault(JsonElement template, string name) =>
        template.GetProperty("parameters").GetProperty(name).GetProperty("defaultValue");

    /// <summary>A property given as <c>[parameters('x')]</c> or <c>[variables('x')]</c> resolved to its value.</summary>
    public static JsonElement Default(JsonElement template, JsonElement properties, string name) =>
        Resolve(template, properties.GetProperty(name));

    /// <summary>
    /// A value given as <c>[parameters('x')]</c> resolved to the parameter's default, or as <c>[variables('x')]</c> to
    /// the variable; any other value as it is.
    /// </summary>
    public static JsonElement Resolve(JsonElement template, JsonElement value)
    {
        var match = value.ValueKind == JsonValueKind.String ? WholeReference().Match(value.GetString()!) : Match.Empty;
        if (!match.Success)
        {
            return value;
        }

        var name = match.Groups["name"].Value;
        return match.Groups["kind"].Value == "parameters" ? ParameterDefault(template, name) : Variable(template, name);
    }

    private static async Task<JsonElement> CompileAsync()
    {
        var (exitCode, output, errors) = await BicepCli.RunAsync("build", BicepCli.MainTemplate, "--stdout");
        Assert.True(exitCode == 0, errors);
        using var document = JsonDocument.Parse(output);
        return document.RootElement.Clone();
    }

    [GeneratedRegex(@"^\[resourceId\('(?<type>[^']+)'")]
    private static partial Regex ResourceIdType();

    [GeneratedRegex(@"^\[(?<kind>parameters|variables)\('(?<name>[^']+)'\)\]$")]
    private static partial Regex WholeReference();
}
