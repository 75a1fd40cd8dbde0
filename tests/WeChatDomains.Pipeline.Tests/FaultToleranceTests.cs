using System.Globalization;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Client;

namespace WeChatDomains.Pipeline.Tests;

/// <summary>Commands under injected WeChat faults all end Succeeded, each modification applied once.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class FaultToleranceTests(AzuriteFixture azurite)
{
    private const int Authorizers = 8;
    private const int CommandsPerAuthorizer = 25;

    [Fact]
    public async Task Process_200CommandsUnder30PercentMinusOneAnd5xx_AllSucceedAndApplyOnce()
    {
        await using var harness = await PipelineHarness.CreateAsync(azurite);
        var appIds = Enumerable.Range(0, Authorizers).Select(i => "wx" + (0xfa17000000000000UL + (ulong)i).ToString("x16", CultureInfo.InvariantCulture)).ToList();
        foreach (var appId in appIds)
        {
            await harness.Sandbox.PutAuthorizerAsync(appId, new AuthorizerModel { AppId = appId, IcpHosts = ["example.com"], RefreshToken = "refresh-" + appId });
        }

        await harness.Sandbox.SetFaultsAsync(new FaultSettings
        {
            Seed = 2026,
            Apis = new(StringComparer.Ordinal) { ["*"] = new ApiFaults { Errcodes = new() { [-1] = 0.15 }, Http5xx = 0.15 } },
        });

        // Each authorizer alternates add and delete of one domain: every command changes state, so every command is
        // exactly one applied modification (25 per authorizer, under the month's 50).
        var final = new List<Disposition>();
        for (var n = 0; n < CommandsPerAuthorizer; n++)
        {
            foreach (var appId in appIds)
            {
                var action = n % 2 == 0 ? "add" : "delete";
                var message = PipelineHarness.Command($"fault-{appId}-{n:D2}", WeChatApi.ModifyDomain, new { action, requestdomain = new[] { "https://api.example.com" } }, appId);
                final.Add(await harness.ProcessUntilSettledAsync(message));
            }
        }

        Assert.All(final, d => Assert.IsType<Disposition.Complete>(d));
        foreach (var appId in appIds)
        {
            var page = await harness.Store.ListByAuthorizerAsync(appId, 100, null);
            Assert.Equal(CommandsPerAuthorizer, page.Items.Count);
            Assert.All(page.Items, c => Assert.Equal(CommandState.Succeeded, c.State));
            Assert.Equal(CommandsPerAuthorizer, (await harness.Sandbox.GetAuthorizerAsync(appId)).AppliedModifications);
            Assert.Equal(CommandsPerAuthorizer, (await harness.Registry.GetLedgerAsync(appId, "2026-11")).Used);
        }

        var calls = await harness.Sandbox.GetCallsAsync();
        Assert.True(calls[WeChatApi.ModifyDomain] > Authorizers * CommandsPerAuthorizer, "the faults must really have been injected");
    }
}
