namespace WeChatDomains.WeChat.Client;

/// <summary>
/// Request of <c>modify_wxa_server_domain</c>. <see cref="Domains"/> go on the wire as one <c>;</c>-separated string of
/// bare hosts (<c>wxa_server_domain</c>, at most 1,000); null omits it (for <c>get</c>). Without
/// <see cref="IsModifyPublishedTogether"/> WeChat changes only the testing list.
/// </summary>
public sealed record ModifyWxaServerDomainRequest(string Action, IReadOnlyList<string>? Domains, bool? IsModifyPublishedTogether);

/// <summary>
/// Response of <c>modify_wxa_server_domain</c>: the platform's published and testing server domains, and the hosts that
/// failed WeChat's check (<c>invalid_wxa_server_domain</c>), each <c>;</c>-separated wire string split into hosts.
/// </summary>
public sealed record PlatformServerDomains(IReadOnlyList<string> Published, IReadOnlyList<string> Testing, IReadOnlyList<string> Invalid);

/// <summary>
/// A domain confirm file (<c>get_domain_confirmfile</c>, <c>get_webviewdomain_confirmfile</c>): it must be served at
/// <c>https://{host}/{FileName}</c> with exactly <see cref="FileContent"/>.
/// </summary>
public sealed record ConfirmFile(string FileName, string FileContent);

/// <summary>One DNS pre-resolution domain of <c>get_prefetchdnsdomain</c>; <see cref="Status"/> <c>0</c> is normal.</summary>
public sealed record PrefetchDnsDomain(string Url, string? Status);

/// <summary>Response of <c>get_prefetchdnsdomain</c>: the domains and how many the account may configure (<c>size_limit</c>).</summary>
public sealed record PrefetchDnsDomains(IReadOnlyList<PrefetchDnsDomain> Domains, int? SizeLimit);

/// <summary>Request of <c>set_prefetchdnsdomain</c>: the whole new list (each sent as <c>{"url": …}</c>).</summary>
public sealed record SetPrefetchDnsDomainRequest(IReadOnlyList<string> Urls);

/// <summary>
/// Response of <c>set_prefetchdnsdomain</c>, which answers only errcode and errmsg: the list the call asked for, as
/// the caller's record of what is now configured.
/// </summary>
public sealed record PrefetchDnsDomainsSet(IReadOnlyList<string> Urls);
