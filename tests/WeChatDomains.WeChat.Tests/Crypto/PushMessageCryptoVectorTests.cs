using WeChatDomains.WeChat.Crypto;

namespace WeChatDomains.WeChat.Tests.Crypto;

/// <summary>Both directions against vectors produced by openssl, xxd and sha1sum (vectors/README.md).</summary>
public sealed class PushMessageCryptoVectorTests
{
    [Theory]
    [MemberData(nameof(PushVector.All), MemberType = typeof(PushVector))]
    public void Encrypt_WithTheVectorsRandomPrefix_EqualsOpenSslOutput(string name)
    {
        var vector = PushVector.Load(name);

        var sealedPush = CreateSut(vector).Encrypt(vector.Plaintext, vector.Timestamp, vector.Nonce);

        Assert.Equal(vector.Encrypt, sealedPush.Encrypt);
        Assert.Equal(vector.MsgSignature, sealedPush.MsgSignature);
    }

    [Theory]
    [MemberData(nameof(PushVector.All), MemberType = typeof(PushVector))]
    public void Decrypt_OpenSslOutput_GivesThePlaintext(string name)
    {
        var vector = PushVector.Load(name);

        var result = CreateSut(vector).Decrypt(vector.MsgSignature, vector.Timestamp, vector.Nonce, vector.Encrypt);

        Assert.Equal(PushCryptoError.None, result.Error);
        Assert.Equal(vector.Plaintext, result.Value);
    }

    [Theory]
    [MemberData(nameof(PushVector.All), MemberType = typeof(PushVector))]
    public void ComputeSignature_VectorInputs_EqualsSha1sumOutput(string name)
    {
        var vector = PushVector.Load(name);

        var signature = PushMessageCrypto.ComputeSignature(vector.Token, vector.Timestamp, vector.Nonce, vector.Encrypt);

        Assert.Equal(vector.MsgSignature, signature);
    }

    [Fact]
    public void Vectors_CoverAFullPadBlockAndAShortPad()
    {
        var pads = PushVector.Names.Select(n => PushVector.Load(n).PadLength).ToList();

        Assert.Contains(32, pads);
        Assert.Contains(pads, p => p < 16);
    }

    private static PushMessageCrypto CreateSut(PushVector vector) =>
        new(vector.Token, vector.EncodingAesKey, vector.AppId, FixedRandomPrefixSource.FromHex(vector.RandomPrefixHex));
}
