using System.Text;
using WeChatDomains.Host.Intake;

namespace WeChatDomains.Host.Tests.Intake;

public sealed class SessionKeyReaderTests
{
    [Theory]
    [InlineData("""{"commandId":"c","authorizerAppId":"wx1","body":{"authorizerAppId":"nested"}}""", "wx1")]
    [InlineData("""{"body":{"authorizerAppId":"nested"},"authorizerAppId":"wx2"}""", "wx2")]
    [InlineData("""{"commandId":"c","api":"modify_wxa_jump_domain","body":{}}""", "component")]
    [InlineData("""{"authorizerAppId":null}""", "component")]
    [InlineData("""{"authorizerAppId":""}""", "component")]
    public void Read_Command_IsTheAuthorizerOrComponent(string json, string expected)
    {
        Assert.Equal(expected, SessionKeyReader.Read(Encoding.UTF8.GetBytes(json)));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    [InlineData("""{"authorizerAppId":""")]
    public void Read_NotAJsonObject_IsNull(string text)
    {
        Assert.Null(SessionKeyReader.Read(Encoding.UTF8.GetBytes(text)));
    }
}
