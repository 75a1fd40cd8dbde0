using Microsoft.Extensions.Logging;

namespace WeChatDomains.Azure.Vault;

/// <summary>Vault log messages (event ids 3200-3299). Secret names only, never values.</summary>
internal static partial class Log
{
    [LoggerMessage(3201, LogLevel.Warning, "Key Vault throttled {Operation} of secret {SecretName} (attempt {Attempt}); retrying in {Delay}")]
    public static partial void Throttled(ILogger logger, string operation, string secretName, int attempt, TimeSpan delay);

    [LoggerMessage(3202, LogLevel.Information, "Secret {SecretName} was soft-deleted; recovering it before writing the new version")]
    public static partial void RecoveringDeletedSecret(ILogger logger, string secretName);

    [LoggerMessage(3203, LogLevel.Warning, "Secret {SecretName} is soft-deleted but not recoverable yet (a delete in progress or a purge); the write is retried later")]
    public static partial void NotRecoverableYet(ILogger logger, string secretName);
}
