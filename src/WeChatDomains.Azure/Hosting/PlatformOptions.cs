namespace WeChatDomains.Azure.Hosting;

/// <summary>
/// The third-party platform's credentials, in one place for the self-host (section <c>Platform</c>). The token and
/// push-receiver registrations read them from here. Never logged.
/// </summary>
public sealed class PlatformOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Platform";

    /// <summary>The component appid.</summary>
    public string AppId { get; set; } = string.Empty;

    /// <summary>The component appsecret.</summary>
    public string AppSecret { get; set; } = string.Empty;

    /// <summary>The push-message token (msg_signature).</summary>
    public string Token { get; set; } = string.Empty;

    /// <summary>The 43-character EncodingAESKey of push messages.</summary>
    public string EncodingAesKey { get; set; } = string.Empty;

    /// <inheritdoc />
    public override string ToString() => $"PlatformOptions {{ AppId = {AppId} }}";
}
