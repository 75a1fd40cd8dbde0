namespace WeChatDomains.Core.Ports;

/// <summary>
/// A secret cannot be written now and may be later: its name is soft-deleted and not yet recoverable (a delete still in
/// progress, or a purge). Transient: the caller retries, and a push receiver answers 503 so WeChat pushes again.
/// The message names the secret, never its value.
/// </summary>
public sealed class SecretUnavailableException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SecretUnavailableException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public SecretUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public SecretUnavailableException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
