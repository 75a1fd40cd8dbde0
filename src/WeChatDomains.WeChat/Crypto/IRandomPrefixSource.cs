using System.Security.Cryptography;

namespace WeChatDomains.WeChat.Crypto;

/// <summary>Supplies the 16 random bytes that open every sealed plaintext. Inject a fixed one to reproduce vectors.</summary>
public interface IRandomPrefixSource
{
    /// <summary>Fills <paramref name="destination"/> with random bytes.</summary>
    /// <param name="destination">Where to write.</param>
    void Fill(Span<byte> destination);
}

/// <summary>The default <see cref="IRandomPrefixSource"/>: the operating system's CSPRNG.</summary>
public sealed class SecureRandomPrefixSource : IRandomPrefixSource
{
    /// <summary>The shared instance.</summary>
    public static SecureRandomPrefixSource Instance { get; } = new();

    /// <inheritdoc />
    public void Fill(Span<byte> destination) => RandomNumberGenerator.Fill(destination);
}
