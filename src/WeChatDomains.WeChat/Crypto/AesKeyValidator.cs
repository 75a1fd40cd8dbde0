using System.Buffers;

namespace WeChatDomains.WeChat.Crypto;

/// <summary>Checks and decodes an EncodingAESKey: 43 characters of the Base64 alphabet, decoded with a trailing '='.</summary>
internal static class AesKeyValidator
{
    private static readonly SearchValues<char> Base64Alphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/");

    public static bool IsValid(string? encodingAesKey) =>
        encodingAesKey is { Length: PushCryptoConstants.EncodingAesKeyLength }
        && !encodingAesKey.AsSpan().ContainsAnyExcept(Base64Alphabet);

    /// <summary>The 32-byte AES key, or null when <paramref name="encodingAesKey"/> is not valid.</summary>
    public static byte[]? Decode(string? encodingAesKey)
    {
        if (!IsValid(encodingAesKey))
        {
            return null;
        }

        var key = new byte[PushCryptoConstants.AesKeyBytes];
        var decoded = Convert.TryFromBase64String(encodingAesKey + "=", key, out var written);
        return decoded && written == PushCryptoConstants.AesKeyBytes ? key : null;
    }
}
