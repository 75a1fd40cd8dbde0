using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Profiles;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Core.Tests.Profiles;

public sealed class FleetPlannerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// The fleet bench: the plan of 10,000 authorizers took 164 s, reading each changed authorizer's quota ledger one after
    /// the other. Each ledger read here waits until all <see cref="Fleet"/> are under way at once, so a plan that reads
    /// them one at a time never gets past the first (and the guard's timeout fails it); the page keeps registry order.
    /// </summary>
    [Fact]
    public async Task PlanAsync_AuthorizersToChange_TheirLedgersReadTogether()
    {
        const int Fleet = 8;
        var all = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var arrived = 0;
        var authorizers = Enumerable.Range(0, Fleet).Select(i => new AuthorizerRecord
        {
            AppId = $"wx00000000000000a{i}",
            State = AuthorizerState.Active,
            DirectServerDomains = """{"requestdomain":["https://old.example.com"]}""",
            DirectWebviewDomains = "[]",
            DomainsObservedAt = T0,
        }).ToList();
        var registry = new Mock<IAuthorizerRegistry>();
        registry.Setup(r => r.ListAsync(AuthorizerState.Active, It.IsAny<int>(), null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Page<AuthorizerRecord>(authorizers, null));
        registry.Setup(r => r.GetLedgerAsync(It.IsAny<string>(), It.IsAny<string>(), It.IsAny<CancellationToken>()))
            .Returns(async (string appId, string month, CancellationToken cancellationToken) =>
            {
                if (Interlocked.Increment(ref arrived) == Fleet)
                {
                    all.TrySetResult();
                }

                try
                {
                    await all.Task.WaitAsync(TimeSpan.FromSeconds(10), TimeProvider.System, cancellationToken);
                }
                catch (TimeoutException)
                {
                    throw new TimeoutException($"after 10 s only {Volatile.Read(ref arrived)} of {Fleet} ledger reads were under way at once: the plan reads them one at a time");
                }

                return new QuotaLedger { AppId = appId, Month = month, Used = appId.EndsWith('3') ? 48 : 0 };
            });
        var profiles = new Mock<IProfileStore>();
        profiles.Setup(p => p.ListAssignmentsAsync(It.IsAny<CancellationToken>())).ReturnsAsync(new Dictionary<string, string>());
        profiles.Setup(p => p.GetDefaultNameAsync(It.IsAny<CancellationToken>())).ReturnsAsync("p");
        var profile = new DomainProfile(
            "p", 2, ProfileMode.Direct, null, new Dictionary<string, IReadOnlyList<string>> { ["requestdomain"] = ["https://api.example.com"] }, [], true, false, T0);
        var sut = new FleetPlanner(profiles.Object, registry.Object, new ProcessingOptions(), Options.Create(new ProfileOptions()), new FakeTimeProvider(T0));

        var plan = await sut.PlanAsync(profile, offset: 2, pageSize: 3);

        Assert.Equal(Fleet, arrived);
        Assert.Equal((Fleet, Fleet, 1), (plan.Totals.Authorizers, plan.Totals.ToChange, plan.Totals.BlockedByQuota));
        Assert.Equal(["wx00000000000000a2", "wx00000000000000a3", "wx00000000000000a4"], plan.Authorizers.Select(a => a.AppId));
        Assert.Equal([50, 2, 50], plan.Authorizers.Select(a => a.ModificationsLeft));
    }
}
