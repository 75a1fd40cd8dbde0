using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using System.Xml.Linq;

namespace WeChatDomains.Sandbox.Tests.Support;

/// <summary>
/// An independent reading of WXBizMsgCrypt for the tests (the sandbox's own code is not used): verifies the SHA-1
/// signatures and decrypts the AES-256-CBC payload, checking the 32-byte-block PKCS#7 padding by hand.
/// </summary>
public static class PushDecryptor
{
    public static string Sha1OfSorted(params string[] parts)
    {
        Array.Sort(parts, StringComparer.Ordinal);
#pragma warning disable CA5350 // The push protocol signs with SHA-1.
        return Convert.ToHexStringLower(SHA1.HashData(Encoding.UTF8.GetBytes(string.Join(string.Empty, parts))));
#pragma warning restore CA5350
    }

    /// <summary>Decrypts &lt;Encrypt&gt;; returns the inner XML and the AppId that trails it.</summary>
    public static (XElement Xml, string AppId) Decrypt(string encrypt, string encodingAesKey)
    {
        var key = Convert.FromBase64String(encodingAesKey + "=");
        Assert.Equal(32, key.Length);
        using var aes = Aes.Create();
        aes.Key = key;
        var plain = aes.DecryptCbc(Convert.FromBase64String(encrypt), key[..16], PaddingMode.None);
        Assert.Equal(0, plain.Length % 32);
        int pad = plain[^1];
        Assert.InRange(pad, 1, 32);
        Assert.All(plain[^pad..], b => Assert.Equal(pad, b));
        var length = BinaryPrimitives.ReadInt32BigEndian(plain.AsSpan(16, 4));
        var xml = Encoding.UTF8.GetString(plain, 20, length);
        var appId = Encoding.UTF8.GetString(plain, 20 + length, plain.Length - pad - 20 - length);
        return (XElement.Parse(xml), appId);
    }
}
