using System.Net;
using System.Text.RegularExpressions;
using WeChatDomains.Sandbox.Tests.Support;
using WeChatDomains.Testing;

namespace WeChatDomains.Sandbox.Tests;

public sealed partial class BadRequestTests(SandboxServer sandbox) : SandboxTest(sandbox)
{
    private const string Path = "/wxa/modify_domain";

    [Theory]
    [InlineData("{\"action\":\"add\",")]
    [InlineData("{\"action\":\"add\",\"requestdomain\":\"https://api.example.com\"}")]
    [InlineData("{\"action\":5}")]
    [InlineData("[1,2]")]
    [InlineData("null")]
    public async Task Modify_MalformedJsonOrWrongTypes_Answers47001AndChangesNothing(string body)
    {
        var answer = await Http.PostRawAsync(Path, await Sandbox.MintAuthorizerTokenAsync(), body);

        Assert.Equal((HttpStatusCode.OK, 47001), (answer.Status, answer.ErrCode));
        Assert.Equal(0L, (await Sandbox.GetAuthorizerAsync()).AppliedModifications);
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n")]
    public async Task Modify_EmptyBody_Answers44002(string body)
    {
        var answer = await Http.PostRawAsync(Path, await Sandbox.MintAuthorizerTokenAsync(), body);

        Assert.Equal(44002, answer.ErrCode);
        Assert.Equal(0L, (await Sandbox.GetAuthorizerAsync()).AppliedModifications);
    }

    [Fact]
    public async Task AnyError_ErrmsgEndsWithRid_SuccessSaysOk()
    {
        var error = await CallAsync(Path, new { action = "nope" });
        var ok = await CallAsync(Path, new { action = "get" });

        Assert.Matches(RidSuffix(), error.ErrMsg);
        Assert.Equal("ok", ok.ErrMsg);
    }

    [Fact]
    public async Task Request_HandlerThrows_AnswersJsonMinusOneNotAnErrorPage()
    {
        var time = new ThrowingTimeProvider();
        await using var sandbox = await SandboxServer.StartAsync(time);
        time.Armed = true;

        using var wechat = await sandbox.Admin.PostAsync("wxa/get_effective_domain?access_token=x", new StringContent("{}"));
        using var admin = await sandbox.Admin.GetAsync("sandbox/clock");
        var wechatBody = await wechat.Content.ReadAsStringAsync();
        var adminBody = await admin.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, wechat.StatusCode);
        Assert.Equal("application/json", wechat.Content.Headers.ContentType?.MediaType);
        Assert.StartsWith("{\"errcode\":-1,\"errmsg\":\"system error rid: ", wechatBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.InternalServerError, admin.StatusCode);
        Assert.StartsWith("{\"errcode\":-1", adminBody, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", wechatBody + adminBody, StringComparison.Ordinal);
    }

    [GeneratedRegex("^.+ rid: [0-9a-f]{8}-[0-9a-f]{8}-[0-9a-f]{8}$")]
    private static partial Regex RidSuffix();

    private sealed class ThrowingTimeProvider : TimeProvider
    {
        public volatile bool Armed;

        public override DateTimeOffset GetUtcNow() =>
            Armed ? throw new InvalidOperationException("clock broke") : System.GetUtcNow();
    }
}
