using System.Text.Json;
using System.Text.Json.Nodes;
using WeChatDomains.Core.Api;
using WeChatDomains.Core.Profiles;
using WeChatDomains.Core.Profiles.Drift;
using WeChatDomains.Core.Profiles.Rollouts;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Host.Api.OpenApi;

/// <summary>
/// Examples of the OpenAPI document, built from the API's own types and serialized with <see cref="ApiJson.Options"/>,
/// so an example cannot drift from what the API answers. Keyed by operation id, then by status code (or
/// <see cref="Request"/> for the request body).
/// </summary>
internal static class ApiExamples
{
    public const string Request = "request";
    private const string AppId = "wx1a2b3c4d5e6f7081";
    private const string CommandId = "onboard-wx1a2b3c4d5e6f7081-0001";
    private static readonly DateTimeOffset At = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    public static IReadOnlyDictionary<string, IReadOnlyDictionary<string, JsonNode>> ByOperation { get; } = Build();

    private static Dictionary<string, IReadOnlyDictionary<string, JsonNode>> Build()
    {
        var command = Command();
        return new(StringComparer.Ordinal)
        {
            ["SubmitCommand"] = new Dictionary<string, JsonNode>
            {
                [Request] = Node(new CommandRequestSchema(CommandId, "modify_domain", AppId, JsonDocument.Parse("""{"action":"add","requestdomain":["https://api.example.com"]}""").RootElement, "onboarding-pipeline")),
                ["202"] = Node(new SubmittedDto(CommandId, CommandState.Accepted, ApiRoutes.CommandUrl(CommandId), Enqueued: true)),
                ["400"] = Node(new ApiProblem("about:blank", "The command is invalid.", 400, "1 reason(s); nothing was enqueued.", [new("body.requestdomain[0]", "must start with https://")])),
                ["409"] = Node(new ApiProblem("about:blank", "The commandId is already used by a different command.", 409, CommandId, null)),
                ["413"] = Node(new ApiProblem("about:blank", "The request body is too large.", 413, $"At most {HostConstants.MaxCommandBodyBytes} bytes.", null)),
                ["503"] = Node(new ApiProblem("about:blank", "The command was recorded but could not be enqueued.", 503, "Submit the same command again.", null)),
            },
            ["ListCommands"] = new Dictionary<string, JsonNode>
            {
                ["200"] = Node(new CommandPageDto([command with { AttemptHistory = null }], null)),
                ["400"] = Node(new ApiProblem("about:blank", "Invalid query.", 400, null, [new("authorizer", "give an authorizer, or state=Failed or state=Deferred to list across authorizers")])),
            },
            ["GetCommand"] = new Dictionary<string, JsonNode>
            {
                ["200"] = Node(command),
                ["404"] = Node(new ApiProblem("about:blank", "No such command.", 404, CommandId, null)),
            },
            ["GetAuthorizer"] = new Dictionary<string, JsonNode>
            {
                ["200"] = Node(new AuthorizerDto(AppId, AuthorizerState.Active, At.AddHours(2), At, null, null, At.AddDays(-3), "2026-11", 1, 50, false, null, null, At)),
                ["404"] = Node(new ApiProblem("about:blank", "No such authorizer.", 404, AppId, null)),
            },
            ["GetHealth"] = new Dictionary<string, JsonNode>
            {
                ["200"] = Node(new HealthDto(true, At, 120, At.AddHours(1.5), At.AddHours(1), 3, 0, 0, 0, [])),
            },
            ["ListProfiles"] = new Dictionary<string, JsonNode> { ["200"] = Node(new ProfileListDto([Profile()])) },
            ["PutProfile"] = new Dictionary<string, JsonNode>
            {
                ["200"] = Node(Profile() with { Version = 2 }),
                ["201"] = Node(Profile()),
                ["400"] = Node(new ApiProblem("about:blank", "The profile is invalid.", 400, "1 reason(s).", [new("server.requestdomain", "must be covered by platform.serverDomains")])),
            },
            ["GetProfile"] = new Dictionary<string, JsonNode>
            {
                ["200"] = Node(Profile()),
                ["404"] = Node(new ApiProblem("about:blank", "No such profile.", 404, "default", null)),
            },
            ["PlanProfile"] = new Dictionary<string, JsonNode>
            {
                ["200"] = Node(new FleetPlan("default", 1,
                    [new AuthorizerPlanDto(AppId, true, [new PlannedChange("modify_domain", "requestdomain", ["https://api.example.com"], [])], 1, 49, false, [])],
                    new PlanTotals(1, 0, 1, 1, 0, 0, 1), [], null)),
                ["404"] = Node(new ApiProblem("about:blank", "No such profile.", 404, "default", null)),
            },
            ["AssignProfile"] = new Dictionary<string, JsonNode>
            {
                ["200"] = Node(new AssignmentDto(AppId, "default")),
                ["404"] = Node(new ApiProblem("about:blank", "No such profile.", 404, "default", null)),
            },
            ["StartRollout"] = new Dictionary<string, JsonNode>
            {
                [Request] = Node(RolloutRequestExample),
                ["202"] = Node(new RolloutStarted("ro-0001", "/api/rollouts/ro-0001")),
                ["400"] = Node(new ApiProblem("about:blank", "The rollout is invalid.", 400, "1 reason(s).", [new("waves", "must rise to 100")])),
            },
            ["ListRollouts"] = new Dictionary<string, JsonNode> { ["200"] = Node(new RolloutListDto([Rollout()])) },
            ["GetRollout"] = new Dictionary<string, JsonNode>
            {
                ["200"] = Node(Rollout()),
                ["404"] = Node(new ApiProblem("about:blank", "No such rollout.", 404, "ro-0001", null)),
            },
            ["ControlRollout"] = new Dictionary<string, JsonNode>
            {
                ["200"] = Node(Rollout()),
                ["409"] = Node(new ApiProblem("about:blank", "The rollout cannot do that now.", 409, "it is Succeeded", null)),
            },
            ["ScanDrift"] = new Dictionary<string, JsonNode> { ["202"] = Node(new DriftScanResult(1, 2, 0, 0, At.AddMinutes(1), "20250301020000-0f1e2d3c4b5a")) },
            ["GetDrift"] = new Dictionary<string, JsonNode>
            {
                ["200"] = Node(new DriftDto([new DriftEntry(AppId, "default", 1, At, [
                    new DriftDifference("modify_domain", "requestdomain", ["https://api.example.com"], ["https://old.example.com"]),
                    new DriftDifference("get_effective_domain", "requestdomain", [], ["https://console.example.com"], "mp", false, ProfilePlanner.ConsoleReason),
                ])])),
            },
            ["WeChatEvents"] = new Dictionary<string, JsonNode>
            {
                [Request] = JsonValue.Create("<xml><ToUserName><![CDATA[toUser]]></ToUserName><Encrypt><![CDATA[...]]></Encrypt></xml>"),
                ["200"] = JsonValue.Create("success"),
            },
        };
    }

    private static RolloutRequest RolloutRequestExample => new(1, [10, 50, 100], 0.1);

    private static ProfileDto Profile() => new(
        "default", 1, "registered", new PlatformTier(["api.example.com"], ["h5.example.com"], true),
        new Dictionary<string, IReadOnlyList<string>> { ["requestdomain"] = ["https://api.example.com"] },
        ["https://h5.example.com"], true, false, At);

    private static RolloutDto Rollout() => new(
        "ro-0001", "default", 1, RolloutState.Running, 1, 3, 120, new RolloutCounts(100, 5, 14, 1, 0, 0),
        new Dictionary<string, int> { ["85018"] = 1 }, null, true, RolloutRequestExample);

    private static CommandDto Command() => new(
        CommandId, "modify_domain", "add", AppId, "onboarding-pipeline", CommandState.Succeeded, 1, 0, "ok", null, "Success", null,
        false, null, At, At.AddSeconds(2), JsonDocument.Parse("""{"requestdomain":["https://api.example.com"]}""").RootElement,
        [new AttemptDto(1, At.AddSeconds(1), "modify_domain", 0, "ok", null, "Success", 200, 84.5, 1)]);

    private static JsonNode Node<T>(T value) => JsonSerializer.SerializeToNode(value, ApiJson.Options)!;
}
