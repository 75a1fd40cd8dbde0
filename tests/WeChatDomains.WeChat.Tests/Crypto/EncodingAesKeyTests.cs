using WeChatDomains.WeChat.Crypto;

namespace WeChatDomains.WeChat.Tests.Crypto;

public sealed class EncodingAesKeyTests
{
    public static TheoryData<string?> MalformedKeys => new()
    {
        null,
        string.Empty,
        "kXl2Vb0v8sQ7mJ3nR4tY6uI1oP5aS2dF9gH0jK3lZ8",
        "kXl2Vb0v8sQ7mJ3nR4tY6uI1oP5aS2dF9gH0jK3lZ8qq",
        "kXl2Vb0v8sQ7mJ3nR4tY6uI1oP5aS2dF9gH0jK3lZ8=",
        "kXl2Vb0v8sQ7mJ3nR4tY6uI1oP5aS2dF9gH0jK3lZ-q",
        "kXl2Vb0v8sQ7mJ3nR4tY6uI1oP5aS2dF9gH0jK3l q",
        "kXl2Vb0v8sQ7mJ3nR4tY6uI1oP5aS2dF9gH0jK3lZ8é",
    };

    [Theory]
    [MemberData(nameof(MalformedKeys))]
    public void Constructor_MalformedKey_ThrowsInvalidAesKey(string? key)
    {
        var error = Assert.Throws<PushCryptoException>(() => new PushMessageCrypto("token", key!, "wxappid"));

        Assert.Equal(PushCryptoError.InvalidAesKey, error.Error);
        if (!string.IsNullOrEmpty(key))
        {
            Assert.DoesNotContain(key, error.Message, StringComparison.Ordinal);
        }
    }

    [Theory]
    [MemberData(nameof(MalformedKeys))]
    public void IsValidEncodingAesKey_MalformedKey_IsFalse(string? key)
    {
        Assert.False(PushMessageCrypto.IsValidEncodingAesKey(key));
    }

    [Theory]
    [InlineData("kXl2Vb0v8sQ7mJ3nR4tY6uI1oP5aS2dF9gH0jK3lZ8q")]
    [InlineData("AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/abcdf")]
    [InlineData("0000000000000000000000000000000000000000000")]
    public void IsValidEncodingAesKey_43Base64Characters_IsTrue(string key)
    {
        Assert.True(PushMessageCrypto.IsValidEncodingAesKey(key));
    }
}
