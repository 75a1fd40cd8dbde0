using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker;
using WeChatDomains.Functions.Commands;

namespace WeChatDomains.Functions.Tests.Bindings;

/// <summary>
/// functions.metadata, written by the real Worker SDK when the app is built, is what the Functions host indexes: the
/// deployment contract. Each function's bindings are compared with the table below, and the file must list exactly
/// the table's functions and the app's <see cref="FunctionAttribute"/> methods. A new function (profiles, rollouts,
/// drift, ...) is a thin trigger class and gets a row here.
/// </summary>
public sealed class FunctionsMetadataTests
{
    private const string AppAssemblyFile = "WeChatDomains.Functions.dll";

    /// <summary>Every function's bindings as the host must see them (the SDK's per-binding <c>properties</c> bag left out).</summary>
    private static readonly IReadOnlyDictionary<string, string> Expected = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ProcessDomainCommand"] = """
            [{"name":"message","direction":"In","type":"serviceBusTrigger","queueName":"%CommandsQueueName%",
              "connection":"ServiceBus","isSessionsEnabled":true,"autoCompleteMessages":false,"cardinality":"One"}]
            """,
        ["RefreshTokens"] = Timer("0 */5 * * * *"),
        ["ReleaseDeferredCommands"] = Timer("0 * * * * *"),
        ["ReconcileAuthorizers"] = Timer("0 17 */6 * * *"),
        ["SubmitCommand"] = Http("Function", "post", "commands"),
        ["ListCommands"] = Http("Function", "get", "commands"),
        ["GetCommand"] = Http("Function", "get", "commands/{commandId}"),
        ["GetAuthorizer"] = Http("Function", "get", "authorizers/{appid}"),
        ["GetHealth"] = Http("Function", "get", "health"),
        ["ReceiveWeChatEvent"] = Http("Anonymous", "post", "wechat/events"),
        ["ListProfiles"] = Http("Function", "get", "profiles"),
        ["PutProfile"] = Http("Function", "put", "profiles/{name}"),
        ["GetProfile"] = Http("Function", "get", "profiles/{name}"),
        ["PlanProfile"] = Http("Function", "get", "profiles/{name}/plan"),
        ["AssignProfile"] = Http("Function", "put", "authorizers/{appid}/profile"),
        ["StartRollout"] = Http("Function", "post", "profiles/{name}/rollouts"),
        ["ListRollouts"] = Http("Function", "get", "rollouts"),
        ["GetRollout"] = Http("Function", "get", "rollouts/{id}"),
        ["ControlRollout"] = Http("Function", "post", "rollouts/{id}/{verb}"),
        ["StepRollouts"] = Timer("*/10 * * * * *"),
        ["ScanDriftNow"] = Http("Function", "post", "drift/scan"),
        ["GetDrift"] = Http("Function", "get", "drift"),
        ["ScanDrift"] = Timer("0 0 2 * * *"),
    };

    public static TheoryData<string> ExpectedFunctions => [.. Expected.Keys];

    [Fact]
    public void Metadata_Functions_AreExactlyTheExpectedOnes()
    {
        var listed = Metadata().Keys.ToList();

        Assert.True(
            listed.Count == Expected.Count && Expected.Keys.All(listed.Contains),
            $"functions.metadata lists {listed.Count} functions, expected {Expected.Count}; " +
            $"missing: [{string.Join(", ", Expected.Keys.Except(listed))}], extra: [{string.Join(", ", listed.Except(Expected.Keys))}]");
    }

    [Theory]
    [MemberData(nameof(ExpectedFunctions))]
    public void Metadata_Bindings_AreTheDeploymentContract(string name)
    {
        Assert.True(Metadata().TryGetValue(name, out var function), $"functions.metadata lacks {name}");

        var (expected, actual) = (Canonical(JsonNode.Parse(Expected[name])), Canonical(function["bindings"]));
        Assert.True(expected == actual, $"{name}: functions.metadata has {actual}, expected {expected}");
    }

    [Fact]
    public void Metadata_EntryPoints_AreTheAppsFunctionMethods()
    {
        var declared = typeof(ProcessDomainCommand).Assembly.GetTypes()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static))
            .Select(m => (Attribute: m.GetCustomAttribute<FunctionAttribute>(), Method: m))
            .Where(f => f.Attribute is not null)
            .ToDictionary(f => f.Attribute!.Name, f => $"{f.Method.DeclaringType!.FullName}.{f.Method.Name}", StringComparer.Ordinal);
        var listed = Metadata().ToDictionary(f => f.Key, f => (string)f.Value["entryPoint"]!, StringComparer.Ordinal);

        Assert.Equal(declared.OrderBy(f => f.Key, StringComparer.Ordinal), listed.OrderBy(f => f.Key, StringComparer.Ordinal));
        Assert.All(Metadata().Values, f => Assert.Equal(AppAssemblyFile, (string?)f["scriptFile"]));
        Assert.All(Metadata().Values, f => Assert.Equal("dotnet-isolated", (string?)f["language"]));
    }

    [Fact]
    public void WorkerConfig_Description_StartsTheAppAsAnIsolatedWorker()
    {
        var description = Read("worker.config.json")["description"]!;

        Assert.Equal("dotnet-isolated", (string?)description["language"]);
        Assert.Equal(AppAssemblyFile, (string?)description["defaultWorkerPath"]);
        Assert.Equal("true", (string?)description["workerIndexing"]);
    }

    private static string Timer(string schedule) =>
        $$"""[{"name":"timer","direction":"In","type":"timerTrigger","schedule":"{{schedule}}"}]""";

    private static string Http(string authLevel, string method, string route) =>
        $$"""
        [{"name":"request","direction":"In","type":"httpTrigger","authLevel":"{{authLevel}}","methods":["{{method}}"],"route":"{{route}}"},
         {"name":"$return","type":"http","direction":"Out"}]
        """;

    /// <summary>The functions of the built app's functions.metadata (copied to this project's output with the app), by name.</summary>
    private static Dictionary<string, JsonNode> Metadata() =>
        Read("functions.metadata").AsArray().ToDictionary(f => (string)f!["name"]!, f => f!, StringComparer.Ordinal);

    private static JsonNode Read(string file)
    {
        var path = Path.Combine(AppContext.BaseDirectory, file);
        Assert.True(File.Exists(path), $"{path} is missing: the Worker SDK did not build the Functions app");
        return JsonNode.Parse(File.ReadAllText(path))!;
    }

    /// <summary>The bindings in their order, each with its keys sorted and without the SDK's <c>properties</c> bag.</summary>
    private static string Canonical(JsonNode? bindings) =>
        new JsonArray([.. bindings!.AsArray().Select(b => (JsonNode)new JsonObject(
            b!.AsObject()
                .Where(p => p.Key != "properties")
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .Select(p => KeyValuePair.Create(p.Key, p.Value?.DeepClone()))))]).ToJsonString();
}
