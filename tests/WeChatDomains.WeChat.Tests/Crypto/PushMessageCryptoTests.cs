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
