using WeChatDomains.WeChat.Crypto;
using WeChatDomains.WeChat.Push;

namespace WeChatDomains.WeChat.Tests.Crypto;

public sealed class PushEnvelopeParserTests
{
    [Fact]
    public void Parse_PlatformBodyWithCData_GivesEncryptAndAppId()
    {
        var result = PushEnvelopeParser.Parse("<xml>\n  <AppId><![CDATA[wxplatform]]></AppId>\n  <Encrypt><![CDATA[QUJD+/==]]></Encrypt>\n</xml>");

        Assert.True(result.IsSuccess);
        Assert.Equal(new PushEnvelope("QUJD+/==", AppId: "wxplatform"), result.Value);
    }

    [Fact]
    public void Parse_AccountBodyWithToUserName_GivesToUserName()
    {
        var result = PushEnvelopeParser.Parse("<xml><ToUserName><![CDATA[gh_abc]]></ToUserName><Encrypt>QUJD</Encrypt></xml>");

        Assert.Equal("gh_abc", result.Value?.ToUserName);
        Assert.Equal("QUJD", result.Value?.Encrypt);
    }

    [Fact]
    public void Parse_WhatToXmlWrote_GivesTheSameEnvelope()
    {
        var envelope = new PushEnvelope("a]]>b", AppId: "wx<&>", ToUserName: "gh");

        Assert.Equal(envelope, PushEnvelopeParser.Parse(envelope.ToXml()).Value);
    }

    [Fact]
    public void ToXml_PlatformEnvelope_IsWeChatsShape()
    {
        var xml = new PushEnvelope("QUJD", AppId: "wxplatform").ToXml();

        Assert.Equal("<xml><AppId><![CDATA[wxplatform]]></AppId><Encrypt><![CDATA[QUJD]]></Encrypt></xml>", xml);
    }

    [Theory]
    [InlineData("not xml at all")]
    [InlineData("<xml><Encrypt>QUJD</Encrypt>")]
    [InlineData("<root><Encrypt>QUJD</Encrypt></root>")]
    [InlineData("<xml><Encrypt><Inner>QUJD</Inner></Encrypt></xml>")]
    [InlineData("<xml><Encrypt>QUJD</Encrypt><Encrypt>REVG</Encrypt></xml>")]
    [InlineData("<xml>loose text<Encrypt>QUJD</Encrypt></xml>")]
    [InlineData("<xml><Encrypt>QUJD</Encrypt></xml><xml/>")]
    [InlineData("<xml><Encrypt>&unknown;</Encrypt></xml>")]
    [InlineData("")]
    [InlineData(null)]
    public void Parse_MalformedXml_GivesInvalidXml(string? body)
    {
        Assert.Equal(PushCryptoError.InvalidXml, PushEnvelopeParser.Parse(body).Error);
    }

    [Theory]
    [InlineData("<?xml version=\"1.0\"?><!DOCTYPE xml [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]><xml><Encrypt>&xxe;</Encrypt></xml>")]
    [InlineData("<!DOCTYPE xml [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\"><!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\">]><xml><Encrypt>&c;</Encrypt></xml>")]
    [InlineData("<!DOCTYPE xml SYSTEM \"http://127.0.0.1:9/evil.dtd\"><xml><Encrypt>QUJD</Encrypt></xml>")]
    public void Parse_BodyWithDtd_GivesDtdProhibited(string body)
    {
        Assert.Equal(PushCryptoError.DtdProhibited, PushEnvelopeParser.Parse(body).Error);
    }

    [Fact]
    public void Parse_OversizeBody_GivesTooLarge()
    {
        var body = "<xml><Encrypt>" + new string('A', PushCryptoConstants.MaxEnvelopeChars) + "</Encrypt></xml>";

        Assert.Equal(PushCryptoError.TooLarge, PushEnvelopeParser.Parse(body).Error);
    }

    [Theory]
    [InlineData("<xml><AppId>wx</AppId></xml>")]
    [InlineData("<xml><AppId>wx</AppId><Encrypt><![CDATA[ ]]></Encrypt></xml>")]
    [InlineData("<xml/>")]
    public void Parse_NoEncrypt_GivesMissingField(string body)
    {
        Assert.Equal(PushCryptoError.MissingField, PushEnvelopeParser.Parse(body).Error);
    }
}
