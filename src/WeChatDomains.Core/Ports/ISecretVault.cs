namespace WeChatDomains.Core.Ports;

/// <summary>A secret as stored: value, expiry and when it was written.</summary>
public sealed record VaultSecret(string Name, string Value, DateTimeOffset? ExpiresOn, DateTimeOffset? UpdatedOn)
{
    /// <inheritdoc />
    public override string ToString() => $"VaultSecret {{ Name = {Name}, ExpiresOn = {ExpiresOn} }}";
}

/// <summary>
/// Where tickets, tokens and refresh tokens live (Key Vault in Azure, a Data Protection file vault locally).
/// Names follow DESIGN section 6 (see <c>SecretNames</c>). Implementations never log values.
/// </summary>
public interface ISecretVault
{
    /// <summary>The current version of a secret, or null when it does not exist.</summary>
    Task<VaultSecret?> GetAsync(string name, CancellationToken cancellationToken = default);

    /// <summary>Writes a new version.</summary>
    Task SetAsync(string name, string value, DateTimeOffset? expiresOn, CancellationToken cancellationToken = default);

    /// <summary>Deletes a secret; a missing one is already deleted.</summary>
    Task DeleteAsync(string name, CancellationToken cancellationToken = default);
}

/// <summary>The secret names of DESIGN section 6.</summary>
public static class SecretNames
{
    /// <summary>The last component_verify_ticket pushed by WeChat.</summary>
    public const string ComponentVerifyTicket = "component-verify-ticket";

    /// <summary>The component access token.</summary>
    public const string ComponentAccessToken = "component-access-token";

    /// <summary>An authorizer's access token.</summary>
    public static string AuthorizerAccessToken(string appId) => $"authorizer-{appId}-access-token";

    /// <summary>An authorizer's refresh token.</summary>
    public static string AuthorizerRefreshToken(string appId) => $"authorizer-{appId}-refresh-token";
}
