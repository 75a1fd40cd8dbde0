using System.Security.Cryptography;
using System.Text;
using WeChatDomains.WeChat.Crypto;

namespace WeChatDomains.WeChat.Tests.Crypto;

/// <summary>
/// Encrypts arbitrary bytes with the WeChat key and IV and signs them correctly, so tests can hand Decrypt a
/// well-signed ciphertext whose inside is malformed in exactly one way.
/// </summary>
internal static class RawPushSealer
{
    public const string Token = "unit-test-token";
    public const string AesKey = "kXl2Vb0v8sQ7mJ3nR4tY6uI1oP5aS2dF9gH0jK3lZ8q";
    public const string AppId = "wxcomponent0000001";
    public const string Timestamp = "1718000000";
    public const string Nonce = "42";

    /// <summary>Returns the Encrypt string and its valid msg_signature for <paramref name="plain"/>.</summary>
    public static (string Encrypt, string Signature) Seal(byte[] plain)
    {
        var key = Convert.FromBase64String(AesKey + "=");
        using var aes = Aes.Create();
        aes.Key = key;
        var encrypt = Convert.ToBase64String(aes.EncryptCbc(plain, key.AsSpan(0, 16), PaddingMode.None));
        return (encrypt, Sign(encrypt));
    }

    public static string Sign(string encrypt) => PushMessageCrypto.ComputeSignature(Token, Timestamp, Nonce, encrypt);

    /// <summary>16 random bytes, the big-endian <paramref name="declaredLength"/>, then <paramref name="tail"/>; unpadded.</summary>
    public static byte[] Plain(uint declaredLength, byte[] tail)
    {
        var length = new byte[4];
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(length, declaredLength);
        return [.. new byte[16], .. length, .. tail];
    }

    /// <summary><paramref name="unpadded"/> with correct 32-byte-block PKCS#7 padding.</summary>
    public static byte[] Padded(byte[] unpadded)
    {
        var pad = 32 - (unpadded.Length % 32);
        return [.. unpadded, .. Enumerable.Repeat((byte)pad, pad)];
    }

    /// <summary><paramref name="unpadded"/>, zero filler, then exactly <paramref name="ending"/>: a whole number of 32-byte blocks.</summary>
    public static byte[] EndingWith(byte[] unpadded, byte[] ending)
    {
        var filler = (32 - ((unpadded.Length + ending.Length) % 32)) % 32;
        return [.. unpadded, .. new byte[filler], .. ending];
    }

    public static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);
}
