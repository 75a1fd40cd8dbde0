namespace WeChatDomains.WeChat.Crypto;

/// <summary>A sealed push: the Encrypt string and the query values WeChat sends with it.</summary>
/// <param name="Encrypt">Base64 of the AES-256-CBC ciphertext.</param>
/// <param name="MsgSignature">The msg_signature over token, timestamp, nonce and <paramref name="Encrypt"/>.</param>
/// <param name="Timestamp">The timestamp query value that was signed.</param>
/// <param name="Nonce">The nonce query value that was signed.</param>
public sealed record EncryptedPush(string Encrypt, string MsgSignature, string Timestamp, string Nonce)
{
    /// <summary>The query WeChat appends to the event URL: timestamp, nonce, encrypt_type=aes and msg_signature.</summary>
    public string ToQueryString() =>
        $"timestamp={Uri.EscapeDataString(Timestamp)}&nonce={Uri.EscapeDataString(Nonce)}" +
        $"&encrypt_type=aes&msg_signature={MsgSignature}";
}
