using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Sandbox.Tests.Contract;

public sealed class ModifyDomainContractTests(SandboxServer sandbox) : ContractTest(sandbox)
{
    private const string OtherAppId = "wx00000000000000c1";

    [Fact]
    public async Task ModifyDomainAsync_AddRegisteredDomains_Answers0AndThirdListsHoldThem()
    {
        var client = CreateSut();
        var request = new ModifyDomainRequest(DomainAction.Add, new ServerDomains
        {
            RequestDomain = ["https://api.example.com"],
            WsRequestDomain = ["wss://ws.example.com"],
            UploadDomain = ["https://upload.example.com"],
            DownloadDomain = ["https://download.example.com"],
        });

        var result = await client.ModifyDomainAsync(await AuthorizerTokenAsync(), request);

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal(["https://api.example.com"], result.Value!.RequestDomain!);
        Assert.Equal(["wss://ws.example.com"], result.Value.WsRequestDomain!);
        var third = (await Sandbox.GetAuthorizerAsync()).Domains.Third;
        Assert.Equal(["https://api.example.com"], third.RequestDomain);
        Assert.Equal(["wss://ws.example.com"], third.WsRequestDomain);
        Assert.Equal(["https://upload.example.com"], third.UploadDomain);
        Assert.Equal(["https://download.example.com"], third.DownloadDomain);
    }

    [Fact]
    public async Task ModifyDomainAsync_EachApplyingCall_CountsOneModificationOfTheMonth()
    {
        var client = CreateSut();
        var token = await AuthorizerTokenAsync();
        await client.ModifyDomainAsync(token, AddRequest("https://api.example.com"));
        var before = await Sandbox.GetAuthorizerAsync();

        var result = await client.ModifyDomainAsync(token, AddRequest("https://img.example.com"));

        Assert.Equal(WeChatErrorCode.Ok, result.ErrorCode);
        var after = await Sandbox.GetAuthorizerAsync();
        Assert.Equal(before.ModificationsThisMonth + 1, after.ModificationsThisMonth);
        Assert.Equal(2L, after.AppliedModificationsByApi[WeChatApi.ModifyDomain]);
    }

    [Fact]
    public async Task ModifyDomainAsync_Get_ReturnsTheListsWithoutCounting()
    {
        var client = CreateSut();
        var token = await AuthorizerTokenAsync();
        await client.ModifyDomainAsync(token, new ModifyDomainRequest(DomainAction.Set, new ServerDomains
        {
            RequestDomain = ["https://api.example.com", "https://img.example.com"],
            DownloadDomain = ["https://download.example.com"],
        }));

        var result = await client.ModifyDomainAsync(token, Get());

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal(["https://api.example.com", "https://img.example.com"], result.Value!.RequestDomain!);
        Assert.Equal(["https://download.example.com"], result.Value.DownloadDomain!);
        Assert.Empty(result.Value.WsRequestDomain!);
        var state = await Sandbox.GetAuthorizerAsync();
        Assert.Equal(state.Domains.Third.RequestDomain, result.Value.RequestDomain!);
        Assert.Equal(1, state.ModificationsThisMonth);
    }

    [Fact]
    public async Task ModifyDomainAsync_DomainNotRegisteredOnPlatform_Answers85018AndChangesNothing()
    {
        var client = CreateSut();

        var result = await client.ModifyDomainAsync(await AuthorizerTokenAsync(), AddRequest("https://api.example.com", "https://other.example.net"));

        Assert.Equal(WeChatErrorCode.DomainNotOnPlatform, result.ErrorCode);
        Assert.Null(result.Value);
        var state = await Sandbox.GetAuthorizerAsync();
        Assert.Empty(state.Domains.Third.RequestDomain);
        Assert.Equal((0, 0L), (state.ModificationsThisMonth, state.AppliedModifications));
    }

    [Fact]
    public async Task ModifyDomainAsync_AddAlreadyPresent_Answers85017AndDoesNotCount()
    {
        var client = CreateSut();
        var token = await AuthorizerTokenAsync();
        await client.ModifyDomainAsync(token, AddRequest("https://api.example.com"));

        var result = await client.ModifyDomainAsync(token, AddRequest("https://api.example.com"));

        Assert.Equal(WeChatErrorCode.NoDomainModified, result.ErrorCode);
        var state = await Sandbox.GetAuthorizerAsync();
        Assert.Equal(["https://api.example.com"], state.Domains.Third.RequestDomain);
        Assert.Equal((1, 1L), (state.ModificationsThisMonth, state.AppliedModifications));
    }

    [Fact]
    public async Task ModifyDomainAsync_NotAMiniProgram_Answers85015()
    {
        await Sandbox.PutAuthorizerAsync(OtherAppId, new AuthorizerModel { IsMiniProgram = false });
        var client = CreateSut();

        var result = await client.ModifyDomainAsync(await AuthorizerTokenAsync(OtherAppId), AddRequest("https://api.example.com"));

        Assert.Equal(WeChatErrorCode.NotMiniProgram, result.ErrorCode);
        var state = await Sandbox.GetAuthorizerAsync(OtherAppId);
        Assert.Empty(state.Domains.Third.RequestDomain);
        Assert.Equal(0L, state.AppliedModifications);
    }

    [Fact]
    public async Task ModifyDomainAsync_MoreThan200InAList_Answers85016AndChangesNothing()
    {
        var hosts = Hosts(201, "https", "h");
        await ChangePlatformAsync(serverDomains: hosts);
        var client = CreateSut();

        var result = await client.ModifyDomainAsync(await AuthorizerTokenAsync(), AddRequest(hosts));

        Assert.Equal(WeChatErrorCode.DomainCountExceeded, result.ErrorCode);
        Assert.Empty((await Sandbox.GetAuthorizerAsync()).Domains.Third.RequestDomain);
    }

    [Theory]
    [InlineData("http://api.example.com")]
    [InlineData("wss://api.example.com")]
    public async Task ModifyDomainAsync_WrongScheme_Answers86100AndChangesNothing(string domain)
    {
        var client = CreateSut();

        var result = await client.ModifyDomainAsync(await AuthorizerTokenAsync(), AddRequest(domain));

        Assert.Equal(WeChatErrorCode.InvalidUrlProtocol, result.ErrorCode);
        Assert.Equal(0L, (await Sandbox.GetAuthorizerAsync()).AppliedModifications);
    }

    [Fact]
    public async Task ModifyDomainAsync_MonthSpent_Answers86102AndChangesNothing()
    {
        await Sandbox.PutAuthorizerAsync(OtherAppId, new AuthorizerModel { ModificationsThisMonth = 50 });
        var client = CreateSut();

        var result = await client.ModifyDomainAsync(await AuthorizerTokenAsync(OtherAppId), AddRequest("https://api.example.com"));

        Assert.Equal(WeChatErrorCode.MonthlyModificationsSpent, result.ErrorCode);
        var state = await Sandbox.GetAuthorizerAsync(OtherAppId);
        Assert.Empty(state.Domains.Third.RequestDomain);
        Assert.Equal(50, state.ModificationsThisMonth);
    }
}
