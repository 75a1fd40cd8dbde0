using System.ComponentModel.DataAnnotations;

namespace WeChatDomains.Sandbox;

/// <summary>
/// Settings of the sandbox (section <c>Sandbox</c>). WeChat says in <c>expires_in</c> how long each token lasts and a
/// platform must go by it; a shorter lifetime lets a drill watch refreshes within minutes.
/// </summary>
public sealed class SandboxOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Sandbox";

    /// <summary>Lifetime of every access token the sandbox issues (its <c>expires_in</c>); default 7200 s as WeChat's.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = SandboxConstants.TokenLifetime;
}
