namespace WeChatDomains.WeChat.Crypto;

/// <summary>Fixed descriptions of <see cref="PushCryptoError"/> values: no input ever appears in them.</summary>
public static class PushCryptoErrorDescriptions
{
    /// <summary>The description of <paramref name="error"/>.</summary>
    /// <param name="error">The error.</param>
    public static string Describe(PushCryptoError error) => error switch
    {
        PushCryptoError.None => "No error.",
        PushCryptoError.MissingParameter => "timestamp, nonce, msg_signature or Encrypt is missing.",
        PushCryptoError.TooLarge => "The push is larger than the accepted maximum.",
        PushCryptoError.InvalidSignature => "msg_signature does not match.",
        PushCryptoError.InvalidAesKey => "The EncodingAESKey must be 43 characters of the Base64 alphabet.",
        PushCryptoError.InvalidBase64 => "Encrypt is not valid Base64.",
        PushCryptoError.InvalidCiphertextLength => "The ciphertext is not a whole number of AES blocks.",
        PushCryptoError.InvalidPadding => "The decrypted data has malformed padding.",
        PushCryptoError.InvalidLength => "The decrypted data declares a length it does not hold.",
        PushCryptoError.InvalidEncoding => "The decrypted data is not valid UTF-8.",
        PushCryptoError.AppIdMismatch => "The push is addressed to another AppId.",
        PushCryptoError.InvalidXml => "The XML is malformed or not a flat <xml> element.",
        PushCryptoError.DtdProhibited => "The XML carries a DTD, which is prohibited.",
        PushCryptoError.MissingField => "A required XML field is missing.",
        PushCryptoError.InvalidField => "An XML field has an invalid value.",
        _ => "Unknown push crypto error.",
    };
}
