using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace WeChatDomains.Sandbox.Push;

/// <summary>
/// WeChat's push-message crypto (WXBizMsgCrypt), written here on its own so the sandbox shares no code with the
/// client it checks: AES-256-CBC with key = Base64(EncodingAESKey + "="), IV = the first 16 key bytes, PKCS#7 padding
/// to 32-byte blocks done by hand; plaintext = 16 random bytes, 4-byte big-endian XML length, XML, AppId.
/// </summary>
public static class PushCrypto
{
    private const int PadBlock = 32;

    /// <summary>Encrypts <paramref name="xml"/> for the platform <paramref name="appId"/>; the Base64 result goes in &lt;Encrypt&gt;.</summary>
    public static string Encrypt(string xml, string appId, string encodingAesKey)
    {
        var xmlBytes = Encoding.UTF8.GetBytes(xml);
        var appIdBytes = Encoding.UTF8.GetBytes(appId);
        var length = 16 + 4 + xmlBytes.Length + appIdBytes.Length;
        var pad = PadBlock - (length % PadBlock);
        var plain = new byte[length + pad];
        RandomNumberGenerator.Fill(plain.AsSpan(0, 16));
        BinaryPrimitives.WriteInt32BigEndian(plain.AsSpan(16, 4), xmlBytes.Length);
        xmlBytes.CopyTo(plain, 20);
        appIdBytes.CopyTo(plain, 20 + xmlBytes.Length);
        plain.AsSpan(length).Fill((byte)pad);

        var key = KeyOf(encodingAesKey);
        using var aes = Aes.Create();
        aes.Key = key;
        return Convert.ToBase64String(aes.EncryptCbc(plain, key.AsSpan(0, 16), PaddingMode.None));
    }

    /// <summary>SHA-1 hex of the lexicographically sorted parts (msg_signature with Encrypt, signature without).</summary>
    public static string Signature(params string[] parts)
    {
        var sorted = parts.Order(StringComparer.Ordinal);
#pragma warning disable CA5350 // WeChat's push protocol defines the signature as SHA-1.
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(sorted))));
#pragma warning restore CA5350
    }

    /// <summary>The 32-byte AES key of a 43-character EncodingAESKey; throws <see cref="FormatException"/> otherwise.</summary>
    public static byte[] KeyOf(string encodingAesKey)
    {
        var key = encodingAesKey.Length == 43 ? Convert.FromBase64String(encodingAesKey + "=") : [];
        return key.Length == 32 ? key : throw new FormatException("An EncodingAESKey has 43 Base64 characters.");
    }
}
