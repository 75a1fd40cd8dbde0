using System.Net;
using System.Net.Http.Json;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Sandbox.Tests.Support;
using WeChatDomains.Testing;

namespace WeChatDomains.Sandbox.Tests;

public sealed class FaultInjectionTests(SandboxServer sandbox) : SandboxTest(sandbox)
{
    private const string GetEffective = "/wxa/get_effective_domain";

    [Fact]
    public async Task Errcodes_SameSeed_SameSequence()
    {
        var faults = Faults("get_effective_domain", new ApiFaults { Errcodes = new() { [-1] = 0.3, [45011] = 0.2 } }, seed: 7);

        await Sandbox.SetFaultsAsync(faults);
        var first = await ErrcodesAsync(30);
        await Sandbox.SetFaultsAsync(faults);
        var second = await ErrcodesAsync(30);

        Assert.Equal(first, second);
        Assert.Contains(0, first);
        Assert.Contains(-1, first);
        Assert.Contains(45011, first);
    }

    [Fact]
    public async Task StarEntry_AppliesToApisWithoutTheirOwn()
    {
        await Sandbox.SetFaultsAsync(new FaultSettings
        {
            Apis = new()
            {
                ["*"] = new ApiFaults { Errcodes = new() { [45009] = 1 } },
                ["modify_domain"] = new ApiFaults(),
            },
        });

        var starred = await CallAsync(GetEffective, new { });
        var own = await CallAsync("/wxa/modify_domain", new { action = "get" });

        Assert.Equal((45009, 0), (starred.ErrCode, own.ErrCode));
    }

    [Fact]
    public async Task Drop_AbortsTheConnection()
    {
        var token = await Sandbox.MintAuthorizerTokenAsync();
        await Sandbox.SetFaultsAsync(Faults("get_effective_domain", new ApiFaults { Drop = 1 }));

        await Assert.ThrowsAsync<HttpRequestException>(() => Http.PostWeChatAsync(GetEffective, token, new { }));

        Assert.Equal(1, (await Sandbox.GetCallsAsync())["get_effective_domain"]);
    }

    [Fact]
    public async Task Http5xx_Answers503WithoutHandling()
    {
        var token = await Sandbox.MintAuthorizerTokenAsync();
        await Sandbox.SetFaultsAsync(Faults("modify_domain", new ApiFaults { Http5xx = 1 }));

        using var response = await Http.PostAsync($"wxa/modify_domain?access_token={token}", new StringContent("{\"action\":\"add\",\"requestdomain\":[\"https://api.example.com\"]}"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(0L, (await Sandbox.GetAuthorizerAsync()).AppliedModifications);
    }

    [Fact]
    public async Task Errcode_AnswersItWithoutApplying()
    {
        await Sandbox.SetFaultsAsync(Faults("modify_domain", new ApiFaults { Errcodes = new() { [-1] = 1 } }));

        var answer = await CallAsync("/wxa/modify_domain", new { action = "add", requestdomain = new[] { "https://api.example.com" } });

        Assert.Equal(-1, answer.ErrCode);
        Assert.Equal(0L, (await Sandbox.GetAuthorizerAsync()).AppliedModifications);
    }

    [Fact]
    public async Task AppliedThenFail_StateChangesAndCallerSeesFailure()
    {
        var token = await Sandbox.MintAuthorizerTokenAsync();
        await Sandbox.SetFaultsAsync(Faults("modify_domain_directly", new ApiFaults { AppliedThenFail = 1 }, seed: 3));
        var outcomes = new List<string>();

        for (var i = 0; i < 8; i++)
        {
            try
            {
                var answer = await Http.PostWeChatAsync("/wxa/modify_domain_directly", token, new { action = "add", requestdomain = new[] { $"https://f{i}.example.com" } });
                outcomes.Add("errcode " + answer.ErrCode);
            }
            catch (HttpRequestException)
            {
                outcomes.Add("dropped");
            }
        }

        var state = await Sandbox.GetAuthorizerAsync();
        Assert.Equal(8, state.Domains.Direct.RequestDomain.Count);
        Assert.Equal((8L, 8), (state.AppliedModifications, state.ModificationsThisMonth));
        Assert.All(outcomes, o => Assert.Contains(o, new[] { "errcode -1", "dropped" }));
        Assert.Contains("dropped", outcomes);
        Assert.Contains("errcode -1", outcomes);
    }

    [Fact]
    public async Task Latency_DelaysTheAnswer()
    {
        var token = await Sandbox.MintAuthorizerTokenAsync();
        await Sandbox.SetFaultsAsync(Faults("get_effective_domain", new ApiFaults { LatencyMs = 300 }));
        var started = TimeProvider.System.GetTimestamp();

        var answer = await Http.PostWeChatAsync(GetEffective, token, new { });

        Assert.Equal(0, answer.ErrCode);
        Assert.True(TimeProvider.System.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(250));
    }

    [Fact]
    public async Task PutFaults_UnknownApiOrBadProbability_Answers400()
    {
        using var unknown = await Http.PutAsync("sandbox/faults", Json("{\"apis\":{\"modify_everything\":{\"drop\":0.1}}}"));
        using var tooLikely = await Http.PutAsync("sandbox/faults", Json("{\"apis\":{\"*\":{\"drop\":1.5}}}"));

        Assert.Equal((HttpStatusCode.BadRequest, HttpStatusCode.BadRequest), (unknown.StatusCode, tooLikely.StatusCode));
        Assert.Empty((await Sandbox.Admin.GetFromJsonAsync<FaultSettings>("sandbox/faults"))!.Apis);
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");

    private static FaultSettings Faults(string api, ApiFaults faults, int? seed = null) =>
        new() { Seed = seed, Apis = new() { [api] = faults } };

    private async Task<List<int>> ErrcodesAsync(int calls)
    {
        var token = await Sandbox.MintAuthorizerTokenAsync();
        var codes = new List<int>();
        for (var i = 0; i < calls; i++)
        {
            codes.Add((await Http.PostWeChatAsync(GetEffective, token, new { })).ErrCode);
        }

        return codes;
    }
}
