using System.Net;
using System.Net.Http.Json;
using System.Text;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Sandbox.Tests.Support;
using WeChatDomains.Testing;

namespace WeChatDomains.Sandbox.Tests;

/// <summary>
/// Issues 12 and 14: an admin document with an unknown key, a wrong type or a missing required member is a 400 problem
/// that names the key, and changes nothing.
/// </summary>
public sealed class StrictAdminInputTests(SandboxServer sandbox) : SandboxTest(sandbox)
{
    [Theory]
    [InlineData("sandbox/faults", "PUT", """{"seed":1}""", "apis")]
    [InlineData("sandbox/faults", "PUT", """{"apis":{},"sede":1}""", "sede")]
    [InlineData("sandbox/faults", "PUT", """{"apis":{"*":{"drop":"always"}}}""", "drop")]
    [InlineData("sandbox/faults", "PUT", """{"apis":{"*":{"dorp":1}}}""", "dorp")]
    [InlineData("sandbox/platform", "PUT", """{"appId":"wx5c3f8a9d2e7b1046","serverDomain":["a.example.com"]}""", "serverDomain")]
    [InlineData("sandbox/authorizers/wx1a2b3c4d5e6f7081", "PUT", """{"isMiniprogram":true,"icp":["example.com"]}""", "icp")]
    [InlineData("sandbox/authorizers/wx1a2b3c4d5e6f7081/domains", "PUT", """{"requestdomains":["https://a.example.com"]}""", "requestdomains")]
    [InlineData("sandbox/hosts/h5.example.com/confirmfile", "PUT", """{"fileName":"a.txt"}""", "fileContent")]
    [InlineData("sandbox/clock/advance", "POST", """{}""", "seconds")]
    [InlineData("sandbox/clock/advance", "POST", """{"seconds":60,"minutes":1}""", "minutes")]
    public async Task AdminDocument_UnknownMissingOrWrongKey_Is400NamingTheKey(string path, string method, string json, string key)
    {
        var faultsBefore = await Http.GetStringAsync("sandbox/faults");
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

        using var response = await Http.SendAsync(request);

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{method} {path} answered {(int)response.StatusCode}: {text}");
        var problem = await response.Content.ReadFromJsonAsync<ProblemModel>();
        Assert.Contains(key, problem!.Detail, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(faultsBefore, await Http.GetStringAsync("sandbox/faults"));
    }

    [Fact]
    public async Task AdminDocument_KnownKeysInAnyCase_AreStillAccepted()
    {
        using var response = await Http.PutAsJsonAsync("sandbox/authorizers/wx1a2b3c4d5e6f7081/domains", new { requestdomain = new[] { "https://console.example.com" } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["https://console.example.com"], (await Sandbox.GetAuthorizerAsync()).Domains.Mp.RequestDomain);
    }
}
