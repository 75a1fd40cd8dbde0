namespace WeChatDomains.WeChat.Crypto;

/// <summary>
/// Thrown only for configuration that can never work (a malformed EncodingAESKey at construction).
/// The message is fixed: it never contains the key, the token or the AppId.
/// </summary>
public sealed class PushCryptoException : Exception
{
    /// <summary>Creates the exception for <paramref name="error"/>.</summary>
    /// <param name="error">The failed check.</param>
    public PushCryptoException(PushCryptoError error)
        : base(PushCryptoErrorDescriptions.Describe(error)) => Error = error;

    /// <summary>The failed check.</summary>
    public PushCryptoError Error { get; }
}
