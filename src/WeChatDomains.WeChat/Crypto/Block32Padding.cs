namespace WeChatDomains.WeChat.Crypto;

/// <summary>PKCS#7 padding over 32-byte blocks, as WeChat applies it before AES-CBC (AES itself runs unpadded).</summary>
internal static class Block32Padding
{
    /// <summary>The pad length for <paramref name="length"/> bytes: 1..32, never 0.</summary>
    public static int PadLength(int length) =>
        PushCryptoConstants.PaddingBlockBytes - (length % PushCryptoConstants.PaddingBlockBytes);

    /// <summary>Writes the pad bytes into <paramref name="destination"/>, which is exactly the pad length long.</summary>
    public static void Write(Span<byte> destination) => destination.Fill((byte)destination.Length);

    /// <summary>The length of <paramref name="padded"/> without its padding, or -1 when the padding is malformed.</summary>
    public static int UnpaddedLength(ReadOnlySpan<byte> padded)
    {
        if (padded.IsEmpty)
        {
            return -1;
        }

        int pad = padded[^1];
        if (pad is < 1 or > PushCryptoConstants.PaddingBlockBytes || pad > padded.Length)
        {
            return -1;
        }

        return padded[^pad..].ContainsAnyExcept((byte)pad) ? -1 : padded.Length - pad;
    }
}
