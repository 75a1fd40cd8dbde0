using WeChatDomains.WeChat.Crypto;
using static WeChatDomains.WeChat.Tests.Crypto.RawPushSealer;

namespace WeChatDomains.WeChat.Tests.Crypto;

public sealed class PushMessageCryptoTests
{
    private const string Message = "<xml><InfoType><![CDATA[component_verify_ticket]]></InfoType></xml>";

    [Fact]
    public void Decrypt_WhatEncryptSealed_GivesTheMessageBack()
    {
        var sut = CreateSut();
        var sealedPush = sut.Encrypt(Message, Timestamp, Nonce);

        var result = sut.Decrypt(sealedPush.MsgSignature, Timestamp, Nonce, sealedPush.Encrypt);

        Assert.True(result.IsSuccess);
        Assert.Equal(Message, result.Value);
    }

    [Fact]
    public void Encrypt_DefaultRandomSource_DiffersEachTimeButBothDecrypt()
    {
        var sut = CreateSut();

        var first = sut.Encrypt(Message, Timestamp, Nonce);
        var second = sut.Encrypt(Message, Timestamp, Nonce);

        Assert.NotEqual(first.Encrypt, second.Encrypt);
        Assert.Equal(Message, sut.Decrypt(second.MsgSignature, Timestamp, Nonce, second.Encrypt).Value);
    }

    [Fact]
    public void Encrypt_EmptyMessage_RoundTrips()
    {
        var sut = CreateSut();
        var sealedPush = sut.Encrypt(string.Empty, Timestamp, Nonce);

        Assert.Equal(string.Empty, sut.Decrypt(sealedPush.MsgSignature, Timestamp, Nonce, sealedPush.Encrypt).Value);
    }

    [Fact]
    public void Decrypt_UppercaseHexSignature_IsAccepted()
    {
        var sut = CreateSut();
        var sealedPush = sut.Encrypt(Message, Timestamp, Nonce);

        var result = sut.Decrypt(sealedPush.MsgSignature.ToUpperInvariant(), Timestamp, Nonce, sealedPush.Encrypt);

        Assert.True(result.IsSuccess);
    }

    [Theory]
    [InlineData("0000000000000000000000000000000000000000")]
    [InlineData("short")]
    [InlineData("ſ000000000000000000000000000000000000000")]
    public void Decrypt_WrongSignature_GivesInvalidSignature(string signature)
    {
        var sealedPush = CreateSut().Encrypt(Message, Timestamp, Nonce);

        var result = CreateSut().Decrypt(signature, Timestamp, Nonce, sealedPush.Encrypt);

        Assert.Equal(PushCryptoError.InvalidSignature, result.Error);
        Assert.Null(result.Value);
    }

    [Fact]
    public void Decrypt_SignedWithAnotherTimestamp_GivesInvalidSignature()
    {
        var sealedPush = CreateSut().Encrypt(Message, Timestamp, Nonce);

        var result = CreateSut().Decrypt(sealedPush.MsgSignature, "1718000001", Nonce, sealedPush.Encrypt);

        Assert.Equal(PushCryptoError.InvalidSignature, result.Error);
    }

    [Fact]
    public void Decrypt_PushForAnotherAppId_GivesAppIdMismatch()
    {
        var sealedPush = new PushMessageCrypto(Token, AesKey, "wxsomeoneelse").Encrypt(Message, Timestamp, Nonce);

        var result = CreateSut().Decrypt(sealedPush.MsgSignature, Timestamp, Nonce, sealedPush.Encrypt);

        Assert.Equal(PushCryptoError.AppIdMismatch, result.Error);
    }

    [Theory]
    [InlineData(null, Timestamp, Nonce, "x")]
    [InlineData("sig", "", Nonce, "x")]
    [InlineData("sig", Timestamp, null, "x")]
    [InlineData("sig", Timestamp, Nonce, "")]
    public void Decrypt_MissingParameter_GivesMissingParameter(string? signature, string? timestamp, string? nonce, string? encrypt)
    {
        var result = CreateSut().Decrypt(signature, timestamp, nonce, encrypt);

        Assert.Equal(PushCryptoError.MissingParameter, result.Error);
    }

    [Fact]
    public void Decrypt_OversizeEncrypt_GivesTooLarge()
    {
        var encrypt = new string('A', PushCryptoConstants.MaxEncryptChars + 4);

        var result = CreateSut().Decrypt(Sign(encrypt), Timestamp, Nonce, encrypt);

        Assert.Equal(PushCryptoError.TooLarge, result.Error);
    }

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

    [Fact]
    public void Decrypt_Failures_NeverDescribeTheKeyTokenOrContent()
    {
        var sealedPush = new PushMessageCrypto(Token, AesKey, "wxsomeoneelse").Encrypt(Message, Timestamp, Nonce);

        var result = CreateSut().Decrypt(sealedPush.MsgSignature, Timestamp, Nonce, sealedPush.Encrypt);

        Assert.Equal(PushCryptoError.AppIdMismatch, result.Error);
        foreach (var text in new[] { result.Description, result.ToString() })
        {
            Assert.DoesNotContain(AesKey, text, StringComparison.Ordinal);
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
            Assert.DoesNotContain("component_verify_ticket", text, StringComparison.Ordinal);
            Assert.DoesNotContain("wxsomeoneelse", text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Encrypt_MessageOverTheCap_Throws()
    {
        var message = new string('x', PushCryptoConstants.MaxMessageBytes + 1);

        Assert.Throws<ArgumentException>(() => CreateSut().Encrypt(message, Timestamp, Nonce));
    }

    [Fact]
    public void ToQueryString_SealedPush_CarriesTheSignedValues()
    {
        var sealedPush = CreateSut().Encrypt(Message, Timestamp, Nonce);

        Assert.Equal(
            $"timestamp={Timestamp}&nonce={Nonce}&encrypt_type=aes&msg_signature={sealedPush.MsgSignature}",
            sealedPush.ToQueryString());
    }

    private static PushMessageCrypto CreateSut() => new(Token, AesKey, AppId);
}
