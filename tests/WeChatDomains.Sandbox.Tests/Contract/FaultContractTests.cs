using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;
using WeChatDomains.WeChat.Errors;

namespace WeChatDomains.Sandbox.Tests.Contract;

public sealed class FaultContractTests(SandboxServer sandbox) : ContractTest(sandbox)
{
    [Fact]
    public async Task ModifyDomainAsync_ConnectionDropped_IsAmbiguousAndNotRetried()
    {
        var token = await AuthorizerTokenAsync();
        await SetFaultsAsync(WeChatApi.ModifyDomain, new ApiFaults { Drop = 1 });
        var client = CreateSut();

        var result = await client.ModifyDomainAsync(token, AddRequest("https://api.example.com"));

        Assert.Equal(WeChatTransportOutcome.ConnectionFailed, result.Transport);
        Assert.True(result.RequestSent);
        Assert.True(result.IsAmbiguous);
        Assert.Equal(WeChatErrorCode.SystemBusy, result.ErrorCode);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1L, (await Sandbox.GetCallsAsync())[WeChatApi.ModifyDomain]);
        Assert.Equal(0L, (await Sandbox.GetAuthorizerAsync()).AppliedModifications);
    }

    [Fact]
    public async Task ModifyDomainAsync_ConnectionDroppedOnGet_IsRetried()
    {
        var token = await AuthorizerTokenAsync();
        await SetFaultsAsync(WeChatApi.ModifyDomain, new ApiFaults { Drop = 1 });
        var client = CreateSut();

        var result = await client.ModifyDomainAsync(token, Get());

        Assert.Equal(WeChatTransportOutcome.ConnectionFailed, result.Transport);
        Assert.Equal(RetryCount + 1, result.Attempts);
        Assert.Equal(RetryCount + 1L, (await Sandbox.GetCallsAsync())[WeChatApi.ModifyDomain]);
    }

    [Fact]
    public async Task ModifyDomainAsync_SystemBusy_IsNotReplayedAndEndsWithMinusOne()
    {
        var token = await AuthorizerTokenAsync();
        await SetFaultsAsync(WeChatApi.ModifyDomain, new ApiFaults { Errcodes = new() { [-1] = 1 } });
        var client = CreateSut();

        var result = await client.ModifyDomainAsync(token, AddRequest("https://api.example.com"));

        Assert.Equal(WeChatErrorCode.SystemBusy, result.ErrorCode);
        Assert.Equal(WeChatTransportOutcome.Responded, result.Transport);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1L, (await Sandbox.GetCallsAsync())[WeChatApi.ModifyDomain]);
        var state = await Sandbox.GetAuthorizerAsync();
        Assert.Equal((0, 0L), (state.ModificationsThisMonth, state.AppliedModifications));
    }

    [Fact]
    public async Task ModifyDomainAsync_SystemBusyEveryTimeOnGet_IsRetriedAndEndsWithMinusOne()
    {
        var token = await AuthorizerTokenAsync();
        await SetFaultsAsync(WeChatApi.ModifyDomain, new ApiFaults { Errcodes = new() { [-1] = 1 } });
        var client = CreateSut();

        var result = await client.ModifyDomainAsync(token, Get());

        Assert.Equal(WeChatErrorCode.SystemBusy, result.ErrorCode);
        Assert.Equal(RetryCount + 1, result.Attempts);
        Assert.Equal(RetryCount + 1L, (await Sandbox.GetCallsAsync())[WeChatApi.ModifyDomain]);
    }

    [Fact]
    public async Task ModifyDomainAsync_Http503_IsNotReplayedAndEndsAsHttpError()
    {
        var token = await AuthorizerTokenAsync();
        await SetFaultsAsync(WeChatApi.ModifyDomain, new ApiFaults { Http5xx = 1 });
        var client = CreateSut();

        var result = await client.ModifyDomainAsync(token, AddRequest("https://api.example.com"));

        Assert.Equal(WeChatTransportOutcome.HttpError, result.Transport);
        Assert.Equal(503, result.HttpStatus);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1L, (await Sandbox.GetCallsAsync())[WeChatApi.ModifyDomain]);
        Assert.Equal(0L, (await Sandbox.GetAuthorizerAsync()).AppliedModifications);
    }

    [Fact]
    public async Task ModifyDomainAsync_SystemBusyOnceOnGet_SucceedsOnTheRetry()
    {
        var token = await AuthorizerTokenAsync();
        // Seed 1 draws -1 for the first call and nothing for the second (draws are repeatable per seed).
        await SetFaultsAsync(WeChatApi.ModifyDomain, new ApiFaults { Errcodes = new() { [-1] = 0.5 } }, seed: 1);
        var client = CreateSut();

        var result = await client.ModifyDomainAsync(token, Get());

        Assert.True(result.IsSuccess, result.ErrorMessage);
        Assert.Equal(2, result.Attempts);
        Assert.Equal(2L, (await Sandbox.GetCallsAsync())[WeChatApi.ModifyDomain]);
    }

    [Fact]
    public async Task ModifyDomainDirectlyAsync_AppliedThenDropped_StateChangedAlthoughTheClientSawAnAmbiguousFailure()
    {
        var token = await AuthorizerTokenAsync();
        // Seed 2 fails the first applied call with a dropped connection.
        await SetFaultsAsync(WeChatApi.ModifyDomainDirectly, new ApiFaults { AppliedThenFail = 1 }, seed: 2);
        var client = CreateSut();

        var result = await client.ModifyDomainDirectlyAsync(token, AddRequest("https://late.example.com"));

        Assert.False(result.IsSuccess);
        Assert.True(result.IsAmbiguous);
        Assert.Equal(WeChatTransportOutcome.ConnectionFailed, result.Transport);
        Assert.Equal(1L, (await Sandbox.GetCallsAsync())[WeChatApi.ModifyDomainDirectly]);
        var state = await Sandbox.GetAuthorizerAsync();
        Assert.Equal(["https://late.example.com"], state.Domains.Direct.RequestDomain);
        Assert.Equal((1, 1L), (state.ModificationsThisMonth, state.AppliedModifications));
    }

    [Fact]
    public async Task ModifyDomainDirectlyAsync_AppliedThenMinusOne_IsNotReplayedAndStateChangedOnce()
    {
        var token = await AuthorizerTokenAsync();
        // Seed 1 fails the applied call with -1 (issue 12): the client must not replay it, the caller settles it with a get.
        await SetFaultsAsync(WeChatApi.ModifyDomainDirectly, new ApiFaults { AppliedThenFail = 1 }, seed: 1);
        var client = CreateSut();

        var result = await client.ModifyDomainDirectlyAsync(token, AddRequest("https://late.example.com"));

        Assert.False(result.IsSuccess);
        Assert.Equal(WeChatErrorCode.SystemBusy, result.ErrorCode);
        Assert.Equal(WeChatTransportOutcome.Responded, result.Transport);
        Assert.Equal(1, result.Attempts);
        Assert.Equal(1L, (await Sandbox.GetCallsAsync())[WeChatApi.ModifyDomainDirectly]);
        var state = await Sandbox.GetAuthorizerAsync();
        Assert.Equal(["https://late.example.com"], state.Domains.Direct.RequestDomain);
        Assert.Equal((1, 1L), (state.ModificationsThisMonth, state.AppliedModifications));
    }

    private Task SetFaultsAsync(string api, ApiFaults faults, int? seed = null) =>
        Sandbox.SetFaultsAsync(new FaultSettings { Seed = seed, Apis = new() { [api] = faults } });
}
