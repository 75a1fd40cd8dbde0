using WeChatDomains.WeChat.Crypto;

namespace WeChatDomains.WeChat.Push;

/// <summary>The whole receive path in one call, for the push receiver.</summary>
public static class PushMessageCryptoExtensions
{
    /// <summary>Parses the envelope, checks msg_signature, decrypts, checks the AppId and parses the message.</summary>
    /// <param name="crypto">The platform's crypto.</param>
    /// <param name="msgSignature">The msg_signature query value.</param>
    /// <param name="timestamp">The timestamp query value.</param>
    /// <param name="nonce">The nonce query value.</param>
    /// <param name="body">The POST body.</param>
    /// <returns>The typed message, or the first check that failed.</returns>
    public static PushCryptoResult<PushMessage> Open(
        this PushMessageCrypto crypto, string? msgSignature, string? timestamp, string? nonce, string? body)
    {
        ArgumentNullException.ThrowIfNull(crypto);
        var envelope = PushEnvelopeParser.Parse(body);
        if (!envelope.IsSuccess)
        {
            return envelope.Forward<PushMessage>();
        }

        var plain = crypto.Decrypt(msgSignature, timestamp, nonce, envelope.Value!.Encrypt);
        return plain.IsSuccess ? PushMessageParser.Parse(plain.Value) : plain.Forward<PushMessage>();
    }

    /// <summary>Seals <paramref name="plainXml"/> and returns the push body WeChat would POST, with its query values.</summary>
    /// <param name="crypto">The platform's crypto.</param>
    /// <param name="plainXml">The message XML.</param>
    /// <param name="timestamp">The timestamp to sign.</param>
    /// <param name="nonce">The nonce to sign.</param>
    /// <param name="appId">The AppId element of the envelope (the component AppId).</param>
    /// <returns>The sealed values and the body XML.</returns>
    public static (EncryptedPush Push, string Body) Seal(
        this PushMessageCrypto crypto, string plainXml, string timestamp, string nonce, string appId)
    {
        ArgumentNullException.ThrowIfNull(crypto);
        var push = crypto.Encrypt(plainXml, timestamp, nonce);
        return (push, new PushEnvelope(push.Encrypt, AppId: appId).ToXml());
    }
}
