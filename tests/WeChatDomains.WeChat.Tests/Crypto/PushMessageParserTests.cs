using WeChatDomains.WeChat.Crypto;
using WeChatDomains.WeChat.Push;

namespace WeChatDomains.WeChat.Tests.Crypto;

public sealed class PushMessageParserTests
{
    private static readonly DateTimeOffset Created = DateTimeOffset.FromUnixTimeSeconds(1718000000);

    [Fact]
    public void Parse_ComponentVerifyTicket_GivesTicketPush()
    {
        var result = PushMessageParser.Parse(
            "<xml><AppId><![CDATA[wxp]]></AppId><CreateTime>1718000000</CreateTime>" +
            "<InfoType><![CDATA[component_verify_ticket]]></InfoType><ComponentVerifyTicket><![CDATA[ticket@@@x]]></ComponentVerifyTicket></xml>");

        Assert.Equal(new ComponentVerifyTicketPush("wxp", Created, "ticket@@@x"), result.Value);
    }

    [Theory]
    [InlineData("authorized", false)]
    [InlineData("updateauthorized", true)]
    public void Parse_AuthorizationEvent_GivesAuthorizationPush(string infoType, bool isUpdate)
    {
        var result = PushMessageParser.Parse(
            $"<xml><AppId>wxp</AppId><CreateTime>1718000000</CreateTime><InfoType>{infoType}</InfoType>" +
            "<AuthorizerAppid>wxa</AuthorizerAppid><AuthorizationCode>code@@@1</AuthorizationCode>" +
            "<AuthorizationCodeExpiredTime>1718003600</AuthorizationCodeExpiredTime><PreAuthCode>pre@@@1</PreAuthCode></xml>");

        var push = Assert.IsType<AuthorizationPush>(result.Value);
        Assert.Equal(("wxa", "code@@@1", Created.AddHours(1), "pre@@@1", isUpdate),
            (push.AuthorizerAppId, push.AuthorizationCode, push.AuthorizationCodeExpiresAt, push.PreAuthCode, push.IsUpdate));
    }

    [Fact]
    public void Parse_Unauthorized_GivesUnauthorizedPush()
    {
        var result = PushMessageParser.Parse(
            "<xml><AppId>wxp</AppId><CreateTime>1718000000</CreateTime><InfoType>unauthorized</InfoType><AuthorizerAppid>wxa</AuthorizerAppid></xml>");

        Assert.Equal(new UnauthorizedPush("wxp", Created, "wxa"), result.Value);
    }

    [Fact]
    public void Parse_UnknownInfoType_GivesOtherPush()
    {
        var result = PushMessageParser.Parse("<xml><AppId>wxp</AppId><CreateTime>1718000000</CreateTime><InfoType>notify_x</InfoType></xml>");

        Assert.Equal(new OtherPush("wxp", Created, "notify_x"), result.Value);
    }

    [Theory]
    [InlineData("<xml><CreateTime>1</CreateTime><InfoType>unauthorized</InfoType><AuthorizerAppid>wxa</AuthorizerAppid></xml>")]
    [InlineData("<xml><AppId>wxp</AppId><InfoType>unauthorized</InfoType><AuthorizerAppid>wxa</AuthorizerAppid></xml>")]
    [InlineData("<xml><AppId>wxp</AppId><CreateTime>1</CreateTime></xml>")]
    [InlineData("<xml><AppId>wxp</AppId><CreateTime>1</CreateTime><InfoType>component_verify_ticket</InfoType></xml>")]
    [InlineData("<xml><AppId>wxp</AppId><CreateTime>1</CreateTime><InfoType>unauthorized</InfoType></xml>")]
    [InlineData("<xml><AppId>wxp</AppId><CreateTime>1</CreateTime><InfoType>authorized</InfoType><AuthorizerAppid>wxa</AuthorizerAppid></xml>")]
    public void Parse_RequiredFieldAbsent_GivesMissingField(string xml)
    {
        Assert.Equal(PushCryptoError.MissingField, PushMessageParser.Parse(xml).Error);
    }

    [Theory]
    [InlineData("soon")]
    [InlineData("-5")]
    [InlineData("99999999999999999999")]
    public void Parse_CreateTimeNotUnixSeconds_GivesInvalidField(string createTime)
    {
        var result = PushMessageParser.Parse($"<xml><AppId>wxp</AppId><CreateTime>{createTime}</CreateTime><InfoType>x</InfoType></xml>");

        Assert.Equal(PushCryptoError.InvalidField, result.Error);
    }

    [Fact]
    public void Parse_MessageWithDtd_GivesDtdProhibited()
    {
        var result = PushMessageParser.Parse("<!DOCTYPE xml [<!ENTITY t \"x\">]><xml><AppId>&t;</AppId></xml>");

        Assert.Equal(PushCryptoError.DtdProhibited, result.Error);
    }

    [Fact]
    public void ToString_PushesWithSecrets_HideTicketAndCode()
    {
        var ticket = new ComponentVerifyTicketPush("wxp", Created, "ticket@@@secret").ToString();
        var authorized = new AuthorizationPush("wxp", Created, "authorized", "wxa", "code@@@secret", Created, null).ToString();

        Assert.DoesNotContain("ticket@@@secret", ticket, StringComparison.Ordinal);
        Assert.DoesNotContain("code@@@secret", authorized, StringComparison.Ordinal);
        Assert.Contains("wxa", authorized, StringComparison.Ordinal);
    }
}
