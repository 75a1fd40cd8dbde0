using System.Net.Http;
using Polly.Timeout;

namespace WeChatDomains.WeChat.Client;

/// <summary>
/// A transport exception read as an outcome: what happened and whether the request may have reached WeChat.
/// Only failures to establish the connection (name resolution, connect, TLS, proxy tunnel) are known to be unsent;
/// timeouts and connections dropped later are ambiguous.
/// </summary>
internal readonly record struct TransportFault(WeChatTransportOutcome Outcome, bool RequestSent, string Description)
{
    /// <summary>The fault an exception stands for, or null when it is not a transport fault (a bug, or cancellation).</summary>
    public static TransportFault? From(Exception exception) => exception switch
    {
        TimeoutRejectedException =>
            new TransportFault(WeChatTransportOutcome.Timeout, RequestSent: true, "no answer within the attempt timeout"),
        HttpRequestException { HttpRequestError: var error } when IsBeforeSending(error) =>
            new TransportFault(WeChatTransportOutcome.ConnectionFailed, RequestSent: false, $"connection failed before sending ({error})"),
        HttpRequestException { HttpRequestError: var error } =>
            new TransportFault(WeChatTransportOutcome.ConnectionFailed, RequestSent: true, $"connection failed after sending ({error})"),
        IOException =>
            new TransportFault(WeChatTransportOutcome.ConnectionFailed, RequestSent: true, "connection dropped while reading the answer"),
        _ => null,
    };

    private static bool IsBeforeSending(HttpRequestError error) => error is
        HttpRequestError.NameResolutionError or
        HttpRequestError.ConnectionError or
        HttpRequestError.SecureConnectionError or
        HttpRequestError.ProxyTunnelError;
}
