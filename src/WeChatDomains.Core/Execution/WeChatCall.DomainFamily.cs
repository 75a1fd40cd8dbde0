using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Core.Execution;

/// <summary>The domain family's calls (DESIGN section 10).</summary>
public abstract partial record WeChatCall
{
    /// <summary><c>modify_wxa_server_domain</c> (platform-level, component token).</summary>
    public sealed record PlatformServerDomains(ModifyWxaServerDomainRequest Request) : WeChatCall
    {
        /// <inheritdoc />
        public override string Api => WeChatApi.ModifyWxaServerDomain;

        /// <inheritdoc />
        public override string? Action => Request.Action;
    }

    /// <summary><c>setwebviewdomain_directly</c>.</summary>
    public sealed record WebviewDirectly(SetWebviewDomainRequest Request) : WeChatCall
    {
        /// <inheritdoc />
        public override string Api => WeChatApi.SetWebviewDomainDirectly;

        /// <inheritdoc />
        public override string? Action => Request.Action;
    }

    /// <summary><c>set_prefetchdnsdomain</c>.</summary>
    public sealed record PrefetchDomains(SetPrefetchDnsDomainRequest Request) : WeChatCall
    {
        /// <inheritdoc />
        public override string Api => WeChatApi.SetPrefetchDnsDomain;

        /// <inheritdoc />
        public override string? Action => null;
    }

    /// <summary>
    /// A call with body <c>{}</c> of the family: <c>get_domain_confirmfile</c> (platform), <c>get_webviewdomain_confirmfile</c>
    /// and <c>get_prefetchdnsdomain</c>.
    /// </summary>
    public sealed record Read(string ApiName) : WeChatCall
    {
        /// <inheritdoc />
        public override string Api => ApiName;

        /// <inheritdoc />
        public override string? Action => null;
    }
}
