using WeChatDomains.Core.Profiles;

namespace WeChatDomains.Core.Tests.Profiles;

public sealed class ProfileParserTests
{
    [Fact]
    public void Parse_RegisteredProfile_IsNormalizedWithItsFourLists()
    {
        var result = ProfileDocuments.Parse(ProfileDocuments.Registered.Replace("https://api.example.com\"]", "HTTPS://API.Example.com/\"]"));

        Assert.True(result.Profile is not null, string.Join("; ", result.Errors));
        Assert.Equal(ProfileMode.Registered, result.Profile.Mode);
        Assert.Equal(["requestdomain", "wsrequestdomain", "uploaddomain", "downloaddomain"], result.Profile.Server.Keys);
        Assert.Equal(["https://api.example.com"], result.Profile.Server["requestdomain"]);
        Assert.True(result.Profile.IsDefault);
        Assert.Equal(["api.example.com", "cdn.example.com"], result.Profile.Platform!.ServerDomains);
    }

    [Fact]
    public void Parse_DirectProfile_KeepsUdpAndTcp()
    {
        var profile = ProfileDocuments.Valid(ProfileDocuments.Direct);

        Assert.Equal(ProfileMode.Direct, profile.Mode);
        Assert.Equal(["udp://rt.example.com:8000"], profile.Server["udpdomain"]);
        Assert.Equal(["tcp://rt.example.com:9000"], profile.Server["tcpdomain"]);
        Assert.Null(profile.Platform);
    }

    [Fact]
    public void Parse_ManyProblems_ListsEveryReasonWithItsPath()
    {
        const string json = """
            {
              "mode": "registered",
              "platform": { "serverDomains": ["api.example.com"], "jumpDomains": ["example.com"], "colour": 1 },
              "server": { "requestdomain": ["http://api.example.com", "https://other.example.net"], "udpdomain": ["udp://rt.example.com"],
                          "tcpdomain": [] },
              "webviewdomain": ["https://h5.elsewhere.com", "https://1.2.3.4"],
              "default": "yes",
              "extra": true
            }
            """;

        var result = ProfileDocuments.Parse(json, "Bad Name");

        var paths = result.Errors.Select(e => e.Path).ToList();
        Assert.Null(result.Profile);
        string[] expected =
        [
            "name", "extra", "platform.colour", "server.requestdomain[0]", "server.requestdomain", "server.udpdomain",
            "webviewdomain", "webviewdomain[1]", "default",
        ];
        Assert.True(expected.All(paths.Contains), $"{result.Errors.Count} reasons: {string.Join("; ", result.Errors)}; missing: [{string.Join(", ", expected.Except(paths))}]");
    }

    [Theory]
    [InlineData("""{"server":{}}""", "mode")]
    [InlineData("""{"mode":"sideways"}""", "mode")]
    [InlineData("""{"mode":"registered"}""", "platform")]
    [InlineData("""{"mode":"direct","platform":{"serverDomains":[]}}""", "platform")]
    [InlineData("""{"mode":"direct","server":{"requestdomain":["https://a.example.com."]}}""", "server.requestdomain[0]")]
    [InlineData("""{"mode":"direct","server":{"requestdomain":["https://api.weixin.qq.com"]}}""", "server.requestdomain[0]")]
    [InlineData("""{"mode":"direct","server":{"wsrequestdomain":["https://a.example.com"]}}""", "server.wsrequestdomain[0]")]
    [InlineData("""{"mode":"direct","webviewdomain":["https://a.example.com:8443"]}""", "webviewdomain[0]")]
    [InlineData("""{"mode":"registered","platform":{"jumpDomains":["https://example.com"]}}""", "platform.jumpDomains[0]")]
    [InlineData("""[1]""", "$")]
    [InlineData("""{"mode":""", "$")]
    public void Parse_Invalid_NamesThePath(string json, string path)
    {
        var result = ProfileDocuments.Parse(json);

        Assert.Null(result.Profile);
        Assert.True(result.Errors.Any(e => e.Path == path), $"expected a reason at {path}; got {result.Errors.Count}: {string.Join("; ", result.Errors)}");
    }

    [Fact]
    public void Parse_WebviewSubdomainOfABusinessDomain_IsCovered()
    {
        var result = ProfileDocuments.Parse("""
            {"mode":"registered","platform":{"serverDomains":["api.example.com"],"jumpDomains":["example.com"]},
             "server":{"requestdomain":["https://api.example.com:8443"]},"webviewdomain":["https://a.b.example.com"]}
            """);

        Assert.True(result.Profile is not null, string.Join("; ", result.Errors));
    }
}
