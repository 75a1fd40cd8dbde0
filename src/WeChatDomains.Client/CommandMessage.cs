using System.Text.Json;
using System.Text.Json.Nodes;

namespace WeChatDomains.Client;

/// <summary>
/// A domain-change command exactly as DESIGN section 2 puts it on the wire. Build one with <see cref="DomainCommands"/>;
/// check it with <see cref="CommandValidator"/>; send it with <see cref="HttpCommandClient"/> or
/// <see cref="ServiceBusCommandSender"/>.
/// </summary>
/// <param name="CommandId">The idempotency key: 1-128 of <c>[A-Za-z0-9_.:-]</c>.</param>
/// <param name="Api">The WeChat api, by its wire name.</param>
/// <param name="AuthorizerAppId">The Mini Program's appid; null for the platform-level <c>modify_wxa_jump_domain</c>.</param>
/// <param name="Body">WeChat's request body without the token.</param>
/// <param name="RequestedBy">Who asks; optional, at most 128 characters.</param>
public sealed record CommandMessage(string CommandId, string Api, string? AuthorizerAppId, JsonObject Body, string? RequestedBy = null)
{
    /// <summary>
    /// The Service Bus session the command belongs to: its authorizer, or <see cref="ClientConstants.ComponentSessionId"/>
    /// for a platform-level command.
    /// </summary>
    public string SessionId => AuthorizerAppId ?? ClientConstants.ComponentSessionId;

    /// <summary>The command as UTF-8 JSON; absent optional fields are omitted.</summary>
    public byte[] ToUtf8Json()
    {
        var root = new JsonObject
        {
            ["commandId"] = CommandId,
            ["api"] = Api,
        };
        if (AuthorizerAppId is not null)
        {
            root["authorizerAppId"] = AuthorizerAppId;
        }

        root["body"] = Body.DeepClone();
        if (RequestedBy is not null)
        {
            root["requestedBy"] = RequestedBy;
        }

        return JsonSerializer.SerializeToUtf8Bytes(root);
    }
}
