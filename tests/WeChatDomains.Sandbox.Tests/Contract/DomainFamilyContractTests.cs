using System.Net.Http.Json;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Sandbox.Tests.Contract;

/// <summary>
/// The domain family (issue 14) against the sandbox over HTTP with the project's client: the platform's server domains
/// and their hierarchy over modify_domain, confirm files, setwebviewdomain_directly and DNS prefetch.
/// </summary>
public sealed class DomainFamilyContractTests(SandboxServer sandbox) : ContractTest(sandbox)
{
    private const string NewHost = "api.newbrand.com";

    [Fact]
    public async Task ModifyWxaServerDomain_AddTogether_RegistersTestingAndPublished()
    {
        var sut = CreateSut();

        var result = await sut.ModifyWxaServerDomainAsync(
            await ComponentTokenAsync(), new ModifyWxaServerDomainRequest(DomainAction.Add, [NewHost], IsModifyPublishedTogether: true));

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Contains(NewHost, result.Value!.Published);
        Assert.Contains(NewHost, result.Value.Testing);
        var platform = await Sandbox.GetPlatformAsync();
        Assert.Contains(NewHost, platform.ServerDomains);
        Assert.Contains(NewHost, platform.TestingServerDomains!);
    }

    [Fact]
    public async Task ModifyWxaServerDomain_AddWithoutTogether_ChangesOnlyTesting()
    {
        var sut = CreateSut();

        var result = await sut.ModifyWxaServerDomainAsync(await ComponentTokenAsync(), new ModifyWxaServerDomainRequest(DomainAction.Add, [NewHost], null));

        Assert.Contains(NewHost, result.Value!.Testing);
        Assert.DoesNotContain(NewHost, result.Value.Published);
    }

    [Fact]
    public async Task ModifyWxaServerDomain_DeleteOfAnAbsentHost_Succeeds()
    {
        var sut = CreateSut();

        var result = await sut.ModifyWxaServerDomainAsync(
            await ComponentTokenAsync(), new ModifyWxaServerDomainRequest(DomainAction.Delete, ["never.example.net"], true));

        Assert.Equal(0, result.ErrorCode.Value);
    }

    [Fact]
    public async Task ModifyWxaServerDomain_PublishedTogetherOnAnUnpublishedPlatform_Answers61028()
    {
        await ChangePlatformAsync(published: false);
        var sut = CreateSut();

        var result = await sut.ModifyWxaServerDomainAsync(await ComponentTokenAsync(), new ModifyWxaServerDomainRequest(DomainAction.Add, [NewHost], true));

        Assert.Equal(WeChatErrorCode.PlatformNotPublished, result.ErrorCode);
    }

    [Fact]
    public async Task ModifyWxaServerDomain_SetOf1001Hosts_Answers85016AndKeepsTheLists()
    {
        var sut = CreateSut();
        var hosts = Enumerable.Range(0, 1001).Select(i => $"h{i}.example.com").ToArray();

        var result = await sut.ModifyWxaServerDomainAsync(await ComponentTokenAsync(), new ModifyWxaServerDomainRequest(DomainAction.Set, hosts, true));

        Assert.Equal(WeChatErrorCode.DomainCountExceeded, result.ErrorCode);
        Assert.Equal(5, (await Sandbox.GetPlatformAsync()).ServerDomains.Count);
    }

    [Fact]
    public async Task ModifyDomain_HostNotOnThePlatform_Answers85018UntilThePlatformRegistersIt()
    {
        var sut = CreateSut();
        var authorizer = await AuthorizerTokenAsync();
        var request = AddRequest("https://" + NewHost);

        var before = await sut.ModifyDomainAsync(authorizer, request);
        await sut.ModifyWxaServerDomainAsync(await ComponentTokenAsync(), new ModifyWxaServerDomainRequest(DomainAction.Add, [NewHost], true));
        var after = await sut.ModifyDomainAsync(authorizer, request);

        Assert.Equal(WeChatErrorCode.DomainNotOnPlatform, before.ErrorCode);
        Assert.True(after.IsSuccess, after.ErrorMessage);
        Assert.Contains("https://" + NewHost, after.Value!.RequestDomain!);
    }

    [Fact]
    public async Task ModifyDomain_UnpublishedPlatform_UsesTheTestingServerDomains()
    {
        var sut = CreateSut();
        await sut.ModifyWxaServerDomainAsync(await ComponentTokenAsync(), new ModifyWxaServerDomainRequest(DomainAction.Add, [NewHost], null));
        await ChangePlatformAsync(published: false);

        var result = await sut.ModifyDomainAsync(await AuthorizerTokenAsync(), AddRequest("https://api.example.com"));

        // ChangePlatformAsync copies the published list into testing (the PUT leaves testingServerDomains out).
        Assert.True(result.IsSuccess, result.ErrorMessage);
    }

    [Fact]
    public async Task GetDomainConfirmFile_TwoCalls_AnswerTheSameFileForThePlatform()
    {
        var sut = CreateSut();
        var token = await ComponentTokenAsync();

        var first = await sut.GetDomainConfirmFileAsync(token);
        var second = await sut.GetDomainConfirmFileAsync(token);

        Assert.True(first.IsSuccess, first.ErrorMessage);
        Assert.Equal(first.Value, second.Value);
        Assert.Matches("^[A-Za-z0-9]{10}\\.txt$", first.Value!.FileName);
        Assert.Matches("^[0-9a-f]{32}$", first.Value.FileContent);
    }

    [Fact]
    public async Task ModifyWxaJumpDomain_HostServingThePlatformsConfirmFile_IsAccepted()
    {
        var sut = CreateSut();
        var token = await ComponentTokenAsync();
        var file = (await sut.GetDomainConfirmFileAsync(token)).Value!;

        var before = await sut.ModifyJumpDomainAsync(token, new ModifyJumpDomainRequest(DomainAction.Add, ["h5.newbrand.com"], true));
        await PlaceAsync("h5.newbrand.com", file);
        var after = await sut.ModifyJumpDomainAsync(token, new ModifyJumpDomainRequest(DomainAction.Add, ["h5.newbrand.com"], true));

        Assert.Equal(["h5.newbrand.com"], before.Value!.Invalid);
        Assert.Empty(after.Value!.Invalid);
        Assert.Contains("h5.newbrand.com", after.Value.Published);
    }

    [Fact]
    public async Task SetWebviewDomainDirectly_WithoutTheConfirmFile_Answers86103AndChangesNothing()
    {
        var sut = CreateSut();

        var result = await sut.SetWebviewDomainDirectlyAsync(await AuthorizerTokenAsync(), new SetWebviewDomainRequest(DomainAction.Add, ["https://h5.newbrand.com"]));

        Assert.Equal(WeChatErrorCode.ConfirmFileNotFound, result.ErrorCode);
        Assert.Empty((await Sandbox.GetAuthorizerAsync()).WebviewDomains.Direct);
    }

    [Fact]
    public async Task SetWebviewDomainDirectly_TheAuthorizersConfirmFileInPlace_AddsTheDomainWithoutPlatformRegistration()
    {
        var sut = CreateSut();
        var token = await AuthorizerTokenAsync();
        var file = (await sut.GetWebviewDomainConfirmFileAsync(token)).Value!;
        await PlaceAsync("h5.newbrand.com", file);

        var result = await sut.SetWebviewDomainDirectlyAsync(token, new SetWebviewDomainRequest(DomainAction.Add, ["https://h5.newbrand.com"]));

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal(["https://h5.newbrand.com"], result.Value!.WebviewDomain);
        Assert.Equal(["https://h5.newbrand.com"], (await Sandbox.GetAuthorizerAsync()).WebviewDomains.Direct);
    }

    [Fact]
    public async Task SetWebviewDomainDirectly_AnotherAuthorizersFile_Answers86103()
    {
        var sut = CreateSut();
        var other = (await sut.GetWebviewDomainConfirmFileAsync(await AuthorizerTokenAsync(SandboxSeed.NoIcpAppId))).Value!;
        await PlaceAsync("h5.newbrand.com", other);

        var result = await sut.SetWebviewDomainDirectlyAsync(await AuthorizerTokenAsync(), new SetWebviewDomainRequest(DomainAction.Add, ["https://h5.newbrand.com"]));

        Assert.Equal(WeChatErrorCode.ConfirmFileNotFound, result.ErrorCode);
    }

    [Fact]
    public async Task SetWebviewDomain_HostOutsideThePlatformsBusinessDomains_Answers89021()
    {
        var sut = CreateSut();

        var result = await sut.SetWebviewDomainAsync(await AuthorizerTokenAsync(), new SetWebviewDomainRequest(DomainAction.Add, ["https://h5.newbrand.com"]));

        Assert.Equal(WeChatErrorCode.NotPlatformWebviewDomain, result.ErrorCode);
    }

    [Fact]
    public async Task SetPrefetchDnsDomain_ThenGet_ReturnsTheListWithItsLimit()
    {
        var sut = CreateSut();
        var token = await AuthorizerTokenAsync();

        var set = await sut.SetPrefetchDnsDomainAsync(token, new SetPrefetchDnsDomainRequest(["cdn.example.com", "img.example.org"]));
        var get = await sut.GetPrefetchDnsDomainAsync(token);

        Assert.True(set.IsSuccess, set.ErrorMessage);
        Assert.Equal([new PrefetchDnsDomain("cdn.example.com", "0"), new PrefetchDnsDomain("img.example.org", "0")], get.Value!.Domains);
        Assert.Equal(5, get.Value.SizeLimit);
    }

    [Fact]
    public async Task SetPrefetchDnsDomain_SixHosts_Answers9420002()
    {
        var sut = CreateSut();

        var result = await sut.SetPrefetchDnsDomainAsync(
            await AuthorizerTokenAsync(), new SetPrefetchDnsDomainRequest([.. Enumerable.Range(0, 6).Select(i => $"d{i}.example.com")]));

        Assert.Equal(WeChatErrorCode.PrefetchSizeLimit, result.ErrorCode);
        Assert.Equal(WeChatErrorClass.InvalidRequest, result.ErrorCode.Class);
    }

    [Fact]
    public async Task SetPrefetchDnsDomain_HostWithoutIcpFiling_Answers9420001()
    {
        var sut = CreateSut();

        var result = await sut.SetPrefetchDnsDomainAsync(await AuthorizerTokenAsync(SandboxSeed.NoIcpAppId), new SetPrefetchDnsDomainRequest(["cdn.example.com"]));

        Assert.Equal(WeChatErrorCode.PrefetchInvalidDomain, result.ErrorCode);
    }

    [Fact]
    public async Task SetPrefetchDnsDomain_AfterFiftyChangesInAMonth_Answers9420000()
    {
        var sut = CreateSut();
        var token = await AuthorizerTokenAsync();
        for (var i = 0; i < 50; i++)
        {
            var change = await sut.SetPrefetchDnsDomainAsync(token, new SetPrefetchDnsDomainRequest([$"d{i % 2}.example.com"]));
            Assert.True(change.IsSuccess, $"change {i + 1}: {change.ErrorMessage}");
        }

        var result = await sut.SetPrefetchDnsDomainAsync(token, new SetPrefetchDnsDomainRequest(["d9.example.com"]));

        Assert.Equal(WeChatErrorCode.PrefetchQuotaSpent, result.ErrorCode);
        Assert.Equal(WeChatErrorClass.MonthlyQuota, result.ErrorCode.Class);
    }

    [Fact]
    public async Task ConsoleDomains_SetBehindThePlatformsBack_ShowInTheMpViewsOfTheGets()
    {
        var sut = CreateSut();
        using var put = await Sandbox.Admin.PutAsJsonAsync(
            $"sandbox/authorizers/{SandboxSeed.MiniProgramAppId}/domains",
            new { requestDomain = new[] { "https://console.example.com" }, webviewDomain = new[] { "https://h5.console.example.com" } });
        put.EnsureSuccessStatusCode();
        var token = await AuthorizerTokenAsync();

        var server = await sut.GetEffectiveDomainAsync(token);
        var webview = await sut.GetEffectiveWebviewDomainAsync(token);

        Assert.Equal(["https://console.example.com"], server.Value!.Mp.RequestDomain);
        Assert.Contains("https://console.example.com", server.Value.Effective.RequestDomain!);
        Assert.Equal(["https://h5.console.example.com"], webview.Value!.Mp);
        Assert.Equal(0L, (await Sandbox.GetAuthorizerAsync()).AppliedModifications);
    }

    [Fact]
    public async Task ConsoleDomains_UnknownAuthorizer_Is404()
    {
        using var put = await Sandbox.Admin.PutAsJsonAsync("sandbox/authorizers/wx00000000000000ff/domains", new { requestDomain = new[] { "https://a.example.com" } });

        Assert.Equal(System.Net.HttpStatusCode.NotFound, put.StatusCode);
    }

    private async Task PlaceAsync(string host, ConfirmFile file)
    {
        var response = await Sandbox.Admin.PutAsJsonAsync($"sandbox/hosts/{host}/confirmfile", new { fileName = file.FileName, fileContent = file.FileContent });
        response.EnsureSuccessStatusCode();
    }
}
