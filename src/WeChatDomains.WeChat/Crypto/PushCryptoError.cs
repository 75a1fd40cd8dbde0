namespace WeChatDomains.WeChat.Crypto;

/// <summary>Why a WeChat push could not be opened or sealed. Each value names one check that failed.</summary>
public enum PushCryptoError
{
    /// <summary>No error: the operation succeeded.</summary>
    None = 0,

    /// <summary>timestamp, nonce, msg_signature or the Encrypt string was missing or empty.</summary>
    MissingParameter,

    /// <summary>The input exceeded <see cref="PushCryptoConstants.MaxEnvelopeChars"/> or <see cref="PushCryptoConstants.MaxEncryptChars"/>.</summary>
    TooLarge,

    /// <summary>msg_signature does not match the SHA-1 of the sorted token, timestamp, nonce and Encrypt.</summary>
    InvalidSignature,

    /// <summary>The EncodingAESKey is not exactly 43 characters of the Base64 alphabet.</summary>
    InvalidAesKey,

    /// <summary>The Encrypt string is not valid Base64.</summary>
    InvalidBase64,

    /// <summary>The ciphertext is empty or not a whole number of 16-byte AES blocks.</summary>
    InvalidCiphertextLength,

    /// <summary>The 32-byte-block PKCS#7 padding is malformed (pad byte 0, above 32, longer than the data, or inconsistent).</summary>
    InvalidPadding,

    /// <summary>The decrypted data is shorter than its header or declares a message longer than the data holds.</summary>
    InvalidLength,

    /// <summary>The decrypted message or AppId is not valid UTF-8.</summary>
    InvalidEncoding,

    /// <summary>The AppId carried after the message is not the configured component AppId.</summary>
    AppIdMismatch,

    /// <summary>The XML is malformed, has a root other than <c>xml</c>, nested or duplicated fields.</summary>
    InvalidXml,

    /// <summary>The XML carries a DOCTYPE declaration; DTDs are prohibited (no entity expansion, no XXE).</summary>
    DtdProhibited,

    /// <summary>A required XML field (Encrypt, InfoType, AppId, CreateTime, ...) is absent or empty.</summary>
    MissingField,

    /// <summary>An XML field has a value of the wrong shape (a CreateTime that is not Unix seconds, for instance).</summary>
    InvalidField,
}
