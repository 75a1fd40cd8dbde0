using System.Text.Json;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Commands;

/// <summary>The top level of a command: its five fields, then the body by api. JSON null counts as absent here.</summary>
internal static class EnvelopeParser
{
    public const string CommandIdField = "commandId";
    public const string ApiField = "api";
    public const string AuthorizerAppIdField = "authorizerAppId";
    public const string BodyField = "body";
    public const string RequestedByField = "requestedBy";

    private static readonly string[] Allowed = [CommandIdField, ApiField, AuthorizerAppIdField, BodyField, RequestedByField];

    public static DomainCommand? Parse(JsonElement root, ValidationErrors errors)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            errors.Add(ValidationError.MessagePath, $"message must be a JSON object (found {JsonFields.KindName(root.ValueKind)})");
            return null;
        }

        var fields = JsonFields.Read(root, prefix: null, name => Allowed.Contains(name) ? null : JsonFields.UnknownField(name, Allowed), errors);
        var commandId = FieldRules.CommandId(Optional(fields, CommandIdField), errors);
        var api = FieldRules.Api(Optional(fields, ApiField), errors);
        var appId = FieldRules.AuthorizerAppId(Optional(fields, AuthorizerAppIdField), api, errors);
        var requestedBy = FieldRules.RequestedBy(Optional(fields, RequestedByField), errors);

        var removed = new List<RemovedDuplicate>();
        CommandBody? body = null;
        string? rawBody = null;
        if (Optional(fields, BodyField) is not { } bodyValue)
        {
            errors.Add(BodyField, api is null ? "is required" : $"is required ({Describe(api)})");
        }
        else if (bodyValue.ValueKind != JsonValueKind.Object)
        {
            errors.Add(BodyField, $"must be a JSON object (found {JsonFields.KindName(bodyValue.ValueKind)})");
        }
        else
        {
            rawBody = bodyValue.GetRawText();
            body = api is null ? null : BodyParser.Parse(api, bodyValue, errors, removed);
        }

        if (errors.Count > 0 || commandId is null || api is null || body is null || rawBody is null)
        {
            return null;
        }

        return new DomainCommand(commandId, api, appId, body, requestedBy, rawBody, removed);
    }

    private static JsonElement? Optional(Dictionary<string, JsonElement> fields, string name) =>
        fields.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null ? value : null;

    private static string Describe(string api) =>
        CommandConstants.EmptyBodyApis.Contains(api, StringComparer.Ordinal)
            ? $"{api} takes an empty body {{}}"
            : $"the {api} request body as WeChat documents it";
}
