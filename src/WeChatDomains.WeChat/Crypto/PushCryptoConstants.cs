namespace WeChatDomains.WeChat.Crypto;

/// <summary>The fixed sizes of WeChat's push-message crypto (WXBizMsgCrypt) and this project's input caps.</summary>
public static class PushCryptoConstants
{
    /// <summary>Length of an EncodingAESKey: 43 Base64 characters, which with a trailing '=' decode to 32 bytes.</summary>
    public const int EncodingAesKeyLength = 43;

    /// <summary>AES-256 key size in bytes.</summary>
    public const int AesKeyBytes = 32;

    /// <summary>The IV is the first 16 bytes of the key.</summary>
    public const int IvBytes = 16;

    /// <summary>AES block size in bytes: a ciphertext is a whole number of these.</summary>
    public const int AesBlockBytes = 16;

    /// <summary>WeChat pads with PKCS#7 over 32-byte blocks (pad of 1..32 bytes), not AES's 16.</summary>
    public const int PaddingBlockBytes = 32;

    /// <summary>Random bytes that open every plaintext.</summary>
    public const int RandomPrefixBytes = 16;

    /// <summary>Big-endian length of the message, after the random prefix.</summary>
    public const int LengthPrefixBytes = 4;

    /// <summary>Largest push body (characters) the envelope parser reads: pushes are well under 2 KB.</summary>
    public const int MaxEnvelopeChars = 64 * 1024;

    /// <summary>Largest Encrypt string (characters) <c>Decrypt</c> accepts.</summary>
    public const int MaxEncryptChars = MaxEnvelopeChars;

    /// <summary>Largest message (UTF-8 bytes) <c>Encrypt</c> seals; keeps the result under <see cref="MaxEncryptChars"/>.</summary>
    public const int MaxMessageBytes = 32 * 1024;
}
