using WeChatDomains.Core.Commands;
using System.Text;
using WeChatDomains.Core.Execution;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Host.Tests.Api;

internal static class ApiTestData
{
    public const string AppId = "wx1234567890abcdef";

    public static string CommandJson(string commandId) =>
        $$$"""{"commandId":"{{{commandId}}}","api":"get_effective_domain","authorizerAppId":"{{{AppId}}}","body":{}}""";

    public static CommandReading Valid(string commandId) => new(
        new CommandHeader(commandId, "get_effective_domain", null, AppId, "tests", CommandJson(commandId)),
        new WeChatCall.EffectiveDomains(),
        commandId,
        "get_effective_domain",
        []);

    public static CommandReading Invalid(params ValidationError[] reasons) => new(null, null, "bad-1", "modify_domain", reasons);

    public static CommandRecord Record(string commandId, CommandState state = CommandState.Accepted) => new()
    {
        CommandId = commandId,
        Api = "get_effective_domain",
        AuthorizerAppId = AppId,
        Body = CommandJson(commandId),
        State = state,
        CreatedAt = new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero),
        ETag = "e1",
    };

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
