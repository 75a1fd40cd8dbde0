using WeChatDomains.WeChat.Crypto;

namespace WeChatDomains.WeChat.Push;

/// <summary>Reads the outer push body WeChat POSTs (<see cref="PushEnvelope"/>).</summary>
public static class PushEnvelopeParser
{
    /// <summary>Parses the body; at most <see cref="PushCryptoConstants.MaxEnvelopeChars"/> characters, no DTD.</summary>
    /// <param name="body">The request body.</param>
    /// <returns>The envelope, or InvalidXml, DtdProhibited, TooLarge or MissingField (no Encrypt).</returns>
    public static PushCryptoResult<PushEnvelope> Parse(string? body)
    {
        var read = FlatXmlReader.Read(body);
        if (!read.IsSuccess)
        {
            return read.Forward<PushEnvelope>();
        }

        var fields = read.Value!;
        if (!fields.TryGetValue(PushFieldNames.Encrypt, out var encrypt) || string.IsNullOrWhiteSpace(encrypt))
        {
            return PushCryptoResult.Failure<PushEnvelope>(PushCryptoError.MissingField);
        }

        return PushCryptoResult.Success(new PushEnvelope(
            encrypt.Trim(),
            fields.GetValueOrDefault(PushFieldNames.AppId),
            fields.GetValueOrDefault(PushFieldNames.ToUserName)));
    }
}
