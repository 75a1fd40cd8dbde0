using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Execution;

/// <summary>A validated command as the one WeChat call it makes.</summary>
public abstract partial record WeChatCall
{
    private protected WeChatCall()
    {
    }

    /// <summary>The WeChat API name.</summary>
    public abstract string Api { get; }

    /// <summary>The body's action, when it has one.</summary>
    public abstract string? Action { get; }

    /// <summary><c>modify_domain</c> or <c>modify_domain_directly</c>.</summary>
    public sealed record ServerDomains(string ApiName, ModifyDomainRequest Request) : WeChatCall
    {
        /// <inheritdoc />
        public override string Api => ApiName;

        /// <inheritdoc />
        public override string? Action => Request.Action;
    }

    /// <summary><c>setwebviewdomain</c>.</summary>
    public sealed record Webview(SetWebviewDomainRequest Request) : WeChatCall
    {
        /// <inheritdoc />
        public override string Api => WeChatApi.SetWebviewDomain;

        /// <inheritdoc />
        public override string? Action => Request.Action;
    }

    /// <summary><c>modify_wxa_jump_domain</c> (platform-level, component token).</summary>
    public sealed record JumpDomains(ModifyJumpDomainRequest Request) : WeChatCall
    {
        /// <inheritdoc />
        public override string Api => WeChatApi.ModifyWxaJumpDomain;

        /// <inheritdoc />
        public override string? Action => Request.Action;
    }

    /// <summary><c>get_effective_domain</c>.</summary>
    public sealed record EffectiveDomains : WeChatCall
    {
        /// <inheritdoc />
        public override string Api => WeChatApi.GetEffectiveDomain;

        /// <inheritdoc />
        public override string? Action => null;
    }

    /// <summary><c>get_effective_webviewdomain</c>.</summary>
    public sealed record EffectiveWebviewDomains : WeChatCall
    {
        /// <inheritdoc />
        public override string Api => WeChatApi.GetEffectiveWebviewDomain;

        /// <inheritdoc />
        public override string? Action => null;
    }
}
