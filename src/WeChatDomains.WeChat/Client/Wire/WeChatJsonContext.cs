using System.Text.Json.Serialization;

namespace WeChatDomains.WeChat.Client.Wire;

/// <summary>Source-generated serialization of the wire DTOs: exact field names, null fields omitted.</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ModifyDomainBody))]
[JsonSerializable(typeof(SetWebviewDomainBody))]
[JsonSerializable(typeof(ModifyJumpDomainBody))]
[JsonSerializable(typeof(EmptyBody))]
[JsonSerializable(typeof(ComponentTokenBody))]
[JsonSerializable(typeof(AuthorizerTokenBody))]
[JsonSerializable(typeof(QueryAuthBody))]
[JsonSerializable(typeof(ServerDomainsWire))]
[JsonSerializable(typeof(WebviewDomainsWire))]
[JsonSerializable(typeof(JumpDomainsWire))]
[JsonSerializable(typeof(EffectiveDomainsWire))]
[JsonSerializable(typeof(EffectiveWebviewDomainsWire))]
[JsonSerializable(typeof(ComponentTokenWire))]
[JsonSerializable(typeof(AuthorizerTokenWire))]
[JsonSerializable(typeof(QueryAuthWire))]
[JsonSerializable(typeof(ModifyWxaServerDomainBody))]
[JsonSerializable(typeof(SetPrefetchDnsDomainBody))]
[JsonSerializable(typeof(PlatformServerDomainsWire))]
[JsonSerializable(typeof(ConfirmFileWire))]
[JsonSerializable(typeof(PrefetchDnsDomainsWire))]
[JsonSerializable(typeof(StatusOnlyWire))]
[JsonSerializable(typeof(AuthorizerListBody))]
[JsonSerializable(typeof(AuthorizerListWire))]
internal sealed partial class WeChatJsonContext : JsonSerializerContext;
