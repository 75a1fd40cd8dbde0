using Microsoft.Extensions.Logging;
using WeChatDomains.Core.Status;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Core.Processing;

/// <summary>Log lines of command processing (event ids 2000-2099). Never a token or a request body.</summary>
internal static partial class Log
{
    [LoggerMessage(2000, LogLevel.Information, "Command {CommandId} ({Api}) rejected: {Reasons}")]
    public static partial void Rejected(ILogger logger, string commandId, string api, string reasons);

    [LoggerMessage(2001, LogLevel.Warning, "Message {MessageId} is not a command and is dead-lettered: {Reasons}")]
    public static partial void Unparseable(ILogger logger, string messageId, string reasons);

    [LoggerMessage(2002, LogLevel.Debug, "Command {CommandId} skipped: {Disposition}")]
    public static partial void Skipped(ILogger logger, string commandId, string disposition);

    [LoggerMessage(2003, LogLevel.Information, "Command {CommandId} ({Api}, {Authorizer}) is {State} after attempt {Attempt}: errcode {ErrorCode} ({ErrorClass}) rid {Rid}")]
    public static partial void Outcome(ILogger logger, string commandId, string api, string authorizer, CommandState state, int attempt, int errorCode, WeChatErrorClass errorClass, string? rid);

    [LoggerMessage(2004, LogLevel.Information, "Command {CommandId} held back by earlier command {BlockerId} until {Until}")]
    public static partial void HeldBack(ILogger logger, string commandId, string blockerId, DateTimeOffset until);

    [LoggerMessage(2005, LogLevel.Information, "Command {CommandId} deferred to {Until}: the month's modifications of {Authorizer} are used")]
    public static partial void QuotaDeferred(ILogger logger, string commandId, string authorizer, DateTimeOffset until);

    [LoggerMessage(2006, LogLevel.Warning, "Command {CommandId}: the previous modify call may have been applied; settled by a get: {Settled}")]
    public static partial void Settled(ILogger logger, string commandId, bool settled);

    [LoggerMessage(2007, LogLevel.Warning, "Command {CommandId} delivered {DeliveryCount} times without finishing; it is failed")]
    public static partial void TooManyDeliveries(ILogger logger, string commandId, int deliveryCount);

    [LoggerMessage(2008, LogLevel.Warning, "Command {CommandId} lost its claim to another worker; this run stops")]
    public static partial void ClaimLost(ILogger logger, string commandId);

    [LoggerMessage(2009, LogLevel.Information, "Released {Count} due deferred commands")]
    public static partial void Released(ILogger logger, int count);
}
