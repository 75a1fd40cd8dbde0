using System.Text.Json;

namespace WeChatDomains.Host.Api.OpenApi;

/// <summary>
/// The command of DESIGN section 2, for the OpenAPI document only: the endpoint reads the raw body and validates it with
/// Core's parser, which owns the rules (schemes, limits, which fields each api takes).
/// </summary>
/// <param name="CommandId">The idempotency key: 1-128 of <c>[A-Za-z0-9_.:-]</c>.</param>
/// <param name="Api">The WeChat api, by its wire name.</param>
/// <param name="AuthorizerAppId">The Mini Program's appid; absent for <c>modify_wxa_jump_domain</c>.</param>
/// <param name="Body">WeChat's request body without the token.</param>
/// <param name="RequestedBy">Who asks; optional.</param>
public sealed record CommandRequestSchema(string CommandId, string Api, string? AuthorizerAppId, JsonElement Body, string? RequestedBy);
