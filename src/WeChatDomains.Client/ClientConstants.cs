namespace WeChatDomains.Client;

/// <summary>Names and defaults of the WeChatDomains API and queue contract (DESIGN sections 2 and 8).</summary>
public static class ClientConstants
{
    /// <summary>The header that carries the API key, as Azure Functions names it.</summary>
    public const string ApiKeyHeader = "x-functions-key";

    /// <summary>The commands route, relative to the service's base address.</summary>
    public const string CommandsPath = "api/commands";

    /// <summary>The Service Bus session of platform-level commands (<c>modify_wxa_jump_domain</c>), which name no authorizer.</summary>
    public const string ComponentSessionId = "component";

    /// <summary>The content type of a command message.</summary>
    public const string JsonContentType = "application/json";

    /// <summary>How often <see cref="HttpCommandClient.WaitUntilFinalAsync"/> polls by default.</summary>
    public static readonly TimeSpan DefaultPollInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long <see cref="HttpCommandClient.WaitUntilFinalAsync"/> waits by default.</summary>
    public static readonly TimeSpan DefaultWaitTimeout = TimeSpan.FromMinutes(2);
}
