using WeChatDomains.WeChat.Client;

namespace WeChatDomains.WeChat.Tests.Client;

public sealed class UrlRedactorTests
{
    [Theory]
    [InlineData(
        "https://api.weixin.qq.com/wxa/modify_domain?access_token=SECRET",
        "https://api.weixin.qq.com/wxa/modify_domain?access_token=***")]
    [InlineData(
        "https://api.weixin.qq.com/cgi-bin/component/api_query_auth?component_access_token=SECRET",
        "https://api.weixin.qq.com/cgi-bin/component/api_query_auth?component_access_token=***")]
    [InlineData("https://h/x?a=1&ACCESS_TOKEN=SECRET&b=2", "https://h/x?a=1&ACCESS_TOKEN=***&b=2")]
    [InlineData("https://h/x?access%5Ftoken=SECRET", "https://h/x?access%5Ftoken=***")]
    [InlineData("https://h/x?access_token=SECRET#frag", "https://h/x?access_token=***#frag")]
    [InlineData("https://h/x?access_token=A&access_token=B", "https://h/x?access_token=***&access_token=***")]
    [InlineData("https://h/x?my_access_token=keep", "https://h/x?my_access_token=keep")]
    [InlineData("https://h/x?access_token", "https://h/x?access_token")]
    [InlineData("https://h/wxa/get_effective_domain", "https://h/wxa/get_effective_domain")]
    public void Redact_Url_ReplacesOnlyTokenValues(string url, string expected) =>
        Assert.Equal(expected, UrlRedactor.Redact(url));

    [Fact]
    public void Redact_Uri_ReplacesTheTokenValue()
    {
        var redacted = UrlRedactor.Redact(new Uri("https://api.weixin.qq.com/wxa/setwebviewdomain?access_token=abc%2Bdef"));

        Assert.Equal("https://api.weixin.qq.com/wxa/setwebviewdomain?access_token=***", redacted);
    }
}
