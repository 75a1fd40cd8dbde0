using System.Text;
using System.Text.Json;
using WeChatDomains.Core.Commands;
using WeChatDomains.Core.Execution;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Processing;

/// <summary>
/// Reads a message with <see cref="CommandParser"/> and turns a valid command into its header and WeChat call. For an
/// invalid one it still recovers the commandId and api when they are themselves valid, so the rejection can be recorded.
/// </summary>
public sealed class CommandReader : ICommandReader
{
    private static readonly JsonDocumentOptions LenientRead = new() { MaxDepth = 4 };

    /// <inheritdoc />
    public CommandReading Read(ReadOnlyMemory<byte> utf8Json)
    {
        var result = CommandParser.Parse(utf8Json.Span);
        if (result.IsValid)
        {
            var command = result.Command;
            var header = new CommandHeader(command.CommandId, command.Api, command.Action, command.AuthorizerAppId, command.RequestedBy, Encoding.UTF8.GetString(utf8Json.Span));
            return new CommandReading(header, ToCall(command), command.CommandId, command.Api, []);
        }

        var (commandId, api) = Identify(utf8Json);
        return new CommandReading(null, null, commandId, api, result.Errors);
    }

    /// <summary>The WeChat call a valid command makes.</summary>
    public static WeChatCall ToCall(DomainCommand command) => command.Api switch
    {
        WeChatApi.ModifyDomain or WeChatApi.ModifyDomainDirectly => new WeChatCall.ServerDomains(command.Api, command.ToModifyDomainRequest()),
        WeChatApi.SetWebviewDomain => new WeChatCall.Webview(command.ToSetWebviewDomainRequest()),
        WeChatApi.ModifyWxaJumpDomain => new WeChatCall.JumpDomains(command.ToModifyJumpDomainRequest()),
        WeChatApi.GetEffectiveDomain => new WeChatCall.EffectiveDomains(),
        WeChatApi.GetEffectiveWebviewDomain => new WeChatCall.EffectiveWebviewDomains(),
        WeChatApi.ModifyWxaServerDomain => new WeChatCall.PlatformServerDomains(command.ToModifyWxaServerDomainRequest()),
        WeChatApi.SetWebviewDomainDirectly => new WeChatCall.WebviewDirectly(command.ToSetWebviewDomainRequest()),
        WeChatApi.SetPrefetchDnsDomain => new WeChatCall.PrefetchDomains(command.ToSetPrefetchDnsDomainRequest()),
        WeChatApi.GetDomainConfirmFile or WeChatApi.GetWebviewDomainConfirmFile or WeChatApi.GetPrefetchDnsDomain => new WeChatCall.Read(command.Api),
        _ => throw new InvalidOperationException($"A valid command has an api this reader does not know: {command.Api}."),
    };

    private static (string? CommandId, string? Api) Identify(ReadOnlyMemory<byte> utf8Json)
    {
        try
        {
            using var document = JsonDocument.Parse(utf8Json, LenientRead);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return (null, null);
            }

            var commandId = StringField(document.RootElement, "commandId");
            var api = StringField(document.RootElement, "api");
            return (commandId is not null && FieldRules.IsWellFormedCommandId(commandId) ? commandId : null,
                api is not null && CommandConstants.Apis.Contains(api) ? api : null);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string that is not UTF-8 cannot be read (issue 8, corpus drill).
            return (null, null);
        }
    }

    private static string? StringField(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
