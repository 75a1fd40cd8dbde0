using Microsoft.Extensions.Logging;

namespace WeChatDomains.Core.Push;

/// <summary>Push receiver log messages (event ids 3100-3199). Never a ticket, code, token or key.</summary>
internal static partial class Log
{
    [LoggerMessage(3101, LogLevel.Warning, "Push refused ({Reply}): {Reason}")]
    public static partial void PushRefused(ILogger logger, PushReply reply, string reason);

    [LoggerMessage(3102, LogLevel.Information, "Stored a component_verify_ticket created at {CreateTime:O}")]
    public static partial void TicketStored(ILogger logger, DateTimeOffset createTime);

    [LoggerMessage(3103, LogLevel.Information, "Authorizer {AuthorizerAppId} {InfoType}: tokens stored, registered as Active")]
    public static partial void Authorized(ILogger logger, string authorizerAppId, string infoType);

    [LoggerMessage(3104, LogLevel.Warning, "Authorizer {AuthorizerAppId} {InfoType}, but api_query_auth answered errcode {ErrorCode}")]
    public static partial void QueryAuthFailed(ILogger logger, string authorizerAppId, string infoType, int errorCode);

    [LoggerMessage(3105, LogLevel.Information, "Authorizer {AuthorizerAppId} revoked the authorization: marked Revoked, secrets deleted")]
    public static partial void Unauthorized(ILogger logger, string authorizerAppId);

    [LoggerMessage(3106, LogLevel.Debug, "Ignored a push of InfoType {InfoType}")]
    public static partial void Ignored(ILogger logger, string infoType);

    [LoggerMessage(3107, LogLevel.Information, "Ignored a {InfoType} push whose msg_signature was already received")]
    public static partial void Duplicate(ILogger logger, string infoType);

    [LoggerMessage(3108, LogLevel.Warning, "Ignored {InfoType} of authorizer {AuthorizerAppId} created at {CreateTime:O}: a newer authorization event is recorded")]
    public static partial void EventOutOfOrder(ILogger logger, string authorizerAppId, string infoType, DateTimeOffset createTime);

    [LoggerMessage(3109, LogLevel.Information, "Ignored a component_verify_ticket created at {CreateTime:O}: the stored one is newer")]
    public static partial void TicketOlderThanStored(ILogger logger, DateTimeOffset createTime);

    [LoggerMessage(3110, LogLevel.Debug, "The component_verify_ticket created at {CreateTime:O} is unchanged and was written less than an hour ago; not written")]
    public static partial void TicketUnchanged(ILogger logger, DateTimeOffset createTime);
}
