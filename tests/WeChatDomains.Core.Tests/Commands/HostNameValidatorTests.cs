using WeChatDomains.Core.Commands;

namespace WeChatDomains.Core.Tests.Commands;

public sealed class HostNameValidatorTests
{
    [Theory]
    [InlineData("api.example.com")]
    [InlineData("API.Example.COM")]
    [InlineData("a-b.c-d.example.cn")]
    [InlineData("1.example.com")]
    [InlineData("123.example.com")]
    [InlineData("weixin.qq.com")]
    [InlineData("open.weixin.qq.com")]
    public void Check_ValidHost_HasNoProblem(string host)
    {
        var problems = new List<string>();

        Assert.True(HostNameValidator.Check(host, problems), string.Join("; ", problems));
        Assert.Empty(problems);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("\u0430pple.com", "U+0430")]
    [InlineData("exa\u200Bmple.com", "U+200B")]
    [InlineData("xn--pple-43d.com", "punycode")]
    [InlineData("127.0.0.1", "IP address")]
    [InlineData("2130706433", "IP address")]
    [InlineData("0x7F.1", "IP address")]
    [InlineData("::ffff:127.0.0.1", "IPv6")]
    [InlineData("Api.Weixin.QQ.com", "WeChat's own API host")]
    [InlineData("example", "fully qualified")]
    [InlineData("example.com.", "end with a dot")]
    [InlineData("exa mple.com", "character ' '")]
    [InlineData("a-.example.com", "hyphen")]
    [InlineData("example.42", "all digits")]
    public void Check_InvalidHost_NamesTheProblem(string host, string expected)
    {
        var problems = new List<string>();

        Assert.False(HostNameValidator.Check(host, problems));
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Check_HostLongerThan253_IsRefused()
    {
        var host = string.Join('.', Enumerable.Repeat(new string('a', 60), 5)) + ".com";
        var problems = new List<string>();

        Assert.False(HostNameValidator.Check(host, problems));
        Assert.Contains(problems, p => p.Contains("at most 253", StringComparison.Ordinal));
    }
}
