using System.Buffers.Binary;
using System.Text;

namespace WeChatDomains.WeChat.Crypto;

/// <summary>
/// The plaintext frame inside a push: 16 random bytes, the message length (4 bytes, big-endian), the message and the
/// AppId (UTF-8), then PKCS#7 padding over 32-byte blocks.
/// </summary>
internal static class PushPlaintext
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>Builds the padded frame; the caller zeroes it after use.</summary>
    public static byte[] Build(IRandomPrefixSource random, string message, int messageBytes, string appId)
    {
        var unpadded = PushCryptoConstants.RandomPrefixBytes + PushCryptoConstants.LengthPrefixBytes
            + messageBytes + Encoding.UTF8.GetByteCount(appId);
        var plain = new byte[unpadded + Block32Padding.PadLength(unpadded)];
        var span = plain.AsSpan();
        random.Fill(span[..PushCryptoConstants.RandomPrefixBytes]);
        span = span[PushCryptoConstants.RandomPrefixBytes..];
        BinaryPrimitives.WriteInt32BigEndian(span, messageBytes);
        span = span[PushCryptoConstants.LengthPrefixBytes..];
        span = span[Encoding.UTF8.GetBytes(message, span)..];
        span = span[Encoding.UTF8.GetBytes(appId, span)..];
        Block32Padding.Write(span);
        return plain;
    }

    /// <summary>Checks the padding, the length and the AppId of a decrypted frame and returns its message.</summary>
    public static PushCryptoResult<string> Unwrap(ReadOnlySpan<byte> plain, string expectedAppId)
    {
        var unpadded = Block32Padding.UnpaddedLength(plain);
        if (unpadded < 0)
        {
            return PushCryptoResult.Failure<string>(PushCryptoError.InvalidPadding);
        }

        const int header = PushCryptoConstants.RandomPrefixBytes + PushCryptoConstants.LengthPrefixBytes;
        if (unpadded < header)
        {
            return PushCryptoResult.Failure<string>(PushCryptoError.InvalidLength);
        }

        var body = plain[header..unpadded];
        var declared = BinaryPrimitives.ReadUInt32BigEndian(plain[PushCryptoConstants.RandomPrefixBytes..header]);
        if (declared > (uint)body.Length)
        {
            return PushCryptoResult.Failure<string>(PushCryptoError.InvalidLength);
        }

        string message;
        string appId;
        try
        {
            message = StrictUtf8.GetString(body[..(int)declared]);
            appId = StrictUtf8.GetString(body[(int)declared..]);
        }
        catch (DecoderFallbackException)
        {
            return PushCryptoResult.Failure<string>(PushCryptoError.InvalidEncoding);
        }

        return string.Equals(appId, expectedAppId, StringComparison.Ordinal)
            ? PushCryptoResult.Success(message)
            : PushCryptoResult.Failure<string>(PushCryptoError.AppIdMismatch);
    }
}
