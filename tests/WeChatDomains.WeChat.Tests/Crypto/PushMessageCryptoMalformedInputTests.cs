using WeChatDomains.WeChat.Crypto;
using static WeChatDomains.WeChat.Tests.Crypto.RawPushSealer;

namespace WeChatDomains.WeChat.Tests.Crypto;

/// <summary>Well-signed pushes whose ciphertext or plaintext frame is malformed in exactly one way.</summary>
public sealed class PushMessageCryptoMalformedInputTests
{
    [Theory]
    [InlineData("not base64 at all!")]
    [InlineData("QUJD=A==")]
    [InlineData("QUJ")]
    public void Decrypt_BadBase64_GivesInvalidBase64(string encrypt)
    {
        var result = CreateSut().Decrypt(Sign(encrypt), Timestamp, Nonce, encrypt);

        Assert.Equal(PushCryptoError.InvalidBase64, result.Error);
    }

    [Theory]
    [InlineData(20)]
    [InlineData(15)]
    [InlineData(33)]
    public void Decrypt_CiphertextNotWholeAesBlocks_GivesInvalidCiphertextLength(int bytes)
    {
        var encrypt = Convert.ToBase64String(new byte[bytes]);

        var result = CreateSut().Decrypt(Sign(encrypt), Timestamp, Nonce, encrypt);

        Assert.Equal(PushCryptoError.InvalidCiphertextLength, result.Error);
    }

    public static TheoryData<byte[]> BadPaddingEndings => new()
    {
        new byte[] { 0 },
        new byte[] { 33 },
        new byte[] { 255 },
        new byte[] { 3, 9, 3 },
        new byte[] { 9, 4, 4, 4 },
        new byte[] { 32, 32, 32, 31, 32 },
    };

    [Theory]
    [MemberData(nameof(BadPaddingEndings))]
    public void Decrypt_MalformedPadding_GivesInvalidPadding(byte[] ending)
    {
        var (encrypt, signature) = Seal(EndingWith(Plain(4, Utf8("<x/>" + AppId)), ending));

        var result = CreateSut().Decrypt(signature, Timestamp, Nonce, encrypt);

        Assert.Equal(PushCryptoError.InvalidPadding, result.Error);
    }

    [Fact]
    public void Decrypt_PadLongerThanTheData_GivesInvalidPadding()
    {
        var (encrypt, signature) = Seal([.. new byte[15], 32]);

        var result = CreateSut().Decrypt(signature, Timestamp, Nonce, encrypt);

        Assert.Equal(PushCryptoError.InvalidPadding, result.Error);
    }

    [Fact]
    public void Decrypt_DeclaredLengthBeyondTheData_GivesInvalidLength()
    {
        var (encrypt, signature) = Seal(Padded(Plain(1000, Utf8("<x/>" + AppId))));

        var result = CreateSut().Decrypt(signature, Timestamp, Nonce, encrypt);

        Assert.Equal(PushCryptoError.InvalidLength, result.Error);
    }

    [Fact]
    public void Decrypt_DeclaredLengthOneBeyondTheData_GivesInvalidLength()
    {
        var tail = Utf8("<x/>" + AppId);
        var (encrypt, signature) = Seal(Padded(Plain((uint)tail.Length + 1, tail)));

        var result = CreateSut().Decrypt(signature, Timestamp, Nonce, encrypt);

        Assert.Equal(PushCryptoError.InvalidLength, result.Error);
    }

    [Fact]
    public void Decrypt_TruncatedBeforeTheLengthField_GivesInvalidLength()
    {
        var (encrypt, signature) = Seal(Padded(new byte[18]));

        var result = CreateSut().Decrypt(signature, Timestamp, Nonce, encrypt);

        Assert.Equal(PushCryptoError.InvalidLength, result.Error);
    }

    [Fact]
    public void Decrypt_MessageNotUtf8_GivesInvalidEncoding()
    {
        var (encrypt, signature) = Seal(Padded(Plain(2, [0xC3, 0x28, .. Utf8(AppId)])));

        var result = CreateSut().Decrypt(signature, Timestamp, Nonce, encrypt);

        Assert.Equal(PushCryptoError.InvalidEncoding, result.Error);
    }

    [Fact]
    public void Decrypt_HandSealedWellFormedPlaintext_Succeeds()
    {
        var (encrypt, signature) = Seal(Padded(Plain(4, Utf8("<x/>" + AppId))));

        var result = CreateSut().Decrypt(signature, Timestamp, Nonce, encrypt);

        Assert.Equal("<x/>", result.Value);
    }

    private static PushMessageCrypto CreateSut() => new(Token, AesKey, AppId);
}
