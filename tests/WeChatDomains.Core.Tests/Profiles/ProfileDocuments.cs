using System.Text;
using WeChatDomains.Core.Profiles;

namespace WeChatDomains.Core.Tests.Profiles;

/// <summary>Profile documents and parsed profiles for the tests.</summary>
internal static class ProfileDocuments
{
    public const string Registered = """
        {
          "mode": "registered",
          "platform": { "serverDomains": ["api.example.com", "cdn.example.com"], "jumpDomains": ["example.com"], "publishTogether": true },
          "server": { "requestdomain": ["https://api.example.com"], "wsrequestdomain": ["wss://api.example.com"],
                      "uploaddomain": [], "downloaddomain": ["https://cdn.example.com"], "udpdomain": [], "tcpdomain": [] },
          "webviewdomain": ["https://h5.example.com"],
          "default": true,
          "autoCorrect": false
        }
        """;

    public const string Direct = """
        {
          "mode": "direct",
          "server": { "requestdomain": ["https://api.example.com"], "udpdomain": ["udp://rt.example.com:8000"], "tcpdomain": ["tcp://rt.example.com:9000"] },
          "webviewdomain": ["https://h5.example.com"]
        }
        """;

    public static ProfileParseResult Parse(string json, string name = "base") => ProfileParser.Parse(name, Encoding.UTF8.GetBytes(json));

    public static DomainProfile Valid(string json) =>
        Parse(json).Profile ?? throw new InvalidOperationException("Expected a valid profile: " + string.Join("; ", Parse(json).Errors));
}
