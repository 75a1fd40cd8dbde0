using System.Security.Cryptography;
using System.Text;

namespace WeChatDomains.WeChat.Crypto;

/// <summary>msg_signature: SHA-1, lowercase hex, of token, timestamp, nonce and Encrypt sorted ordinally and joined.</summary>
internal static class PushSignature
{
    private const int HexChars = 40;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA5350", Justification = "WeChat's protocol defines msg_signature as SHA-1.")]
    public static string Compute(string token, string timestamp, string nonce, string encrypt)
    {
        string[] parts = [token, timestamp, nonce, encrypt];
        Array.Sort(parts, StringComparer.Ordinal);
        var hash = SHA1.HashData(Encoding.UTF8.GetBytes(string.Concat(parts)));
        return Convert.ToHexStringLower(hash);
    }

    /// <summary>Compares in time independent of where the strings differ; hex case is ignored.</summary>
    public static bool Matches(string expected, string received)
    {
        if (received.Length != HexChars)
        {
            return false;
        }

        Span<byte> left = stackalloc byte[HexChars];
        Span<byte> right = stackalloc byte[HexChars];
        Encoding.ASCII.GetBytes(expected, left);
        for (var i = 0; i < HexChars; i++)
        {
            right[i] = received[i] switch
            {
                >= 'A' and <= 'F' => (byte)(received[i] | 0x20),
                > '\u007f' => 0,
                _ => (byte)received[i],
            };
        }

        return CryptographicOperations.FixedTimeEquals(left, right);
    }
}
