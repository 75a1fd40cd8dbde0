using Microsoft.Extensions.Logging;

namespace WeChatDomains.Core.Profiles;

/// <summary>Log messages of domain profiles (event ids 1500-1549).</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1500, Level = LogLevel.Information, Message = "Authorizer {AuthorizerAppId} onboarded with profile {Profile} v{Version}: {Enqueued} command(s) enqueued")]
    public static partial void Onboarded(ILogger logger, string authorizerAppId, string profile, int version, int enqueued);

    [LoggerMessage(EventId = 1501, Level = LogLevel.Error, Message = "Profile command {CommandId} was rejected by the command validation: {Reasons}")]
    public static partial void ProfileCommandRejected(ILogger logger, string commandId, string reasons);
}
