using WeChatDomains.WeChat.Crypto;

namespace WeChatDomains.WeChat.Tests.Crypto;

/// <summary>Gives the same prefix every time, so a sealed push is reproducible.</summary>
internal sealed class FixedRandomPrefixSource(byte[] prefix) : IRandomPrefixSource
{
    public static FixedRandomPrefixSource FromHex(string hex) => new(Convert.FromHexString(hex));

    public void Fill(Span<byte> destination) => prefix.AsSpan(0, destination.Length).CopyTo(destination);
}
