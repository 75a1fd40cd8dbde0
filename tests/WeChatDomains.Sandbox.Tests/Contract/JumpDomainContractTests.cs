using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Sandbox.Tests.Contract;

public sealed class JumpDomainContractTests(SandboxServer sandbox) : ContractTest(sandbox)
{
    [Fact]
    public async Task ModifyJumpDomainAsync_Get_SplitsBothWireStringsIntoHosts()
    {
        var client = CreateSut();

        var result = await client.ModifyJumpDomainAsync(await ComponentTokenAsync(), new ModifyJumpDomainRequest(DomainAction.Get, null, null));

        Assert.True(result.IsSuccess, result.ErrorMessage);
        var platform = await Sandbox.GetPlatformAsync();
        Assert.Equal(platform.JumpDomains.Testing, result.Value!.Testing);
        Assert.Equal(platform.JumpDomains.Published, result.Value.Published);
        Assert.Equal(["example.com", "shop.example.com"], result.Value.Published);
        Assert.Empty(result.Value.Invalid);
    }

    [Fact]
    public async Task ModifyJumpDomainAsync_AddSeveralHostsToBeta_JoinsThemAndLeavesPublishedAlone()
    {
        var client = CreateSut();

        var result = await client.ModifyJumpDomainAsync(await ComponentTokenAsync(), Add(["m.example.com", "pay.example.com"], together: false));

        Assert.True(result.IsSuccess, result.ErrorMessage);
        string[] testing = ["example.com", "shop.example.com", "m.example.com", "pay.example.com"];
        Assert.Equal(testing, result.Value!.Testing);
        Assert.Equal(["example.com", "shop.example.com"], result.Value.Published);
        var platform = await Sandbox.GetPlatformAsync();
        Assert.Equal(testing, platform.JumpDomains.Testing);
        Assert.Equal(["example.com", "shop.example.com"], platform.JumpDomains.Published);
    }

    [Fact]
    public async Task ModifyJumpDomainAsync_PublishedTogether_ChangesBetaAndPublished()
    {
        var client = CreateSut();

        var result = await client.ModifyJumpDomainAsync(await ComponentTokenAsync(), Add(["m.example.com"], together: true));

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Contains("m.example.com", result.Value!.Published);
        Assert.Contains("m.example.com", result.Value.Testing);
        var platform = await Sandbox.GetPlatformAsync();
        Assert.Contains("m.example.com", platform.JumpDomains.Published);
        Assert.Contains("m.example.com", platform.JumpDomains.Testing);
    }

    [Fact]
    public async Task ModifyJumpDomainAsync_PublishedOnUnpublishedPlatform_Answers61028AndChangesNothing()
    {
        await ChangePlatformAsync(published: false);
        var client = CreateSut();

        var result = await client.ModifyJumpDomainAsync(await ComponentTokenAsync(), Add(["m.example.com"], together: true));

        Assert.Equal(WeChatErrorCode.PlatformNotPublished, result.ErrorCode);
        var platform = await Sandbox.GetPlatformAsync();
        Assert.Equal(["example.com", "shop.example.com"], platform.JumpDomains.Testing);
        Assert.Equal(0L, platform.AppliedModifications);
    }

    [Fact]
    public async Task ModifyJumpDomainAsync_Past200_Answers65316AndChangesNothing()
    {
        var hosts = Enumerable.Range(0, 199).Select(i => $"j{i}.example.com").ToArray();
        var seeded = await Sandbox.GetPlatformAsync();
        await ChangePlatformAsync(verifiedHosts: [.. seeded.VerifiedHosts, .. hosts]);
        var client = CreateSut();

        var result = await client.ModifyJumpDomainAsync(await ComponentTokenAsync(), Add(hosts, together: false));

        Assert.Equal(WeChatErrorCode.JumpDomainCountExceeded, result.ErrorCode);
        Assert.Equal(2, (await Sandbox.GetPlatformAsync()).JumpDomains.Testing.Count);
    }

    [Fact]
    public async Task ModifyJumpDomainAsync_BadAction_Answers40052AndChangesNothing()
    {
        var client = CreateSut();

        var result = await client.ModifyJumpDomainAsync(
            await ComponentTokenAsync(), new ModifyJumpDomainRequest("replace", ["m.example.com"], IsModifyPublishedTogether: null));

        Assert.Equal(WeChatErrorCode.InvalidActionName, result.ErrorCode);
        Assert.Equal(0L, (await Sandbox.GetPlatformAsync()).AppliedModifications);
    }

    [Fact]
    public async Task ModifyJumpDomainAsync_UnverifiedHost_IsReportedInvalidAndNotAdded()
    {
        var client = CreateSut();

        var result = await client.ModifyJumpDomainAsync(
            await ComponentTokenAsync(), Add(["m.example.com", "unverified.example.com", "other.example.org"], together: false));

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal(["unverified.example.com", "other.example.org"], result.Value!.Invalid);
        Assert.Contains("m.example.com", result.Value.Testing);
        Assert.DoesNotContain("unverified.example.com", result.Value.Testing);
        Assert.Equal(["example.com", "shop.example.com", "m.example.com"], (await Sandbox.GetPlatformAsync()).JumpDomains.Testing);
    }

    private static ModifyJumpDomainRequest Add(IReadOnlyList<string> hosts, bool together) => new(DomainAction.Add, hosts, together);
}
