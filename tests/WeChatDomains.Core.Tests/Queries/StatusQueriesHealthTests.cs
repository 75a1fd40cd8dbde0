using Microsoft.Extensions.Time.Testing;
using Moq;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Core.Tests.Queries;

public sealed class StatusQueriesHealthTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task GetHealthAsync_ItsStoreReads_AllGoOutBeforeAnyAnswers()
    {
        var active = new TaskCompletionSource<long>();
        var reauth = new TaskCompletionSource<long>();
        var soonest = new TaskCompletionSource<DateTimeOffset?>();
        var problems = new TaskCompletionSource<(int Failed, int Deferred)>();
        var registry = new Mock<IAuthorizerRegistry>();
        registry.Setup(r => r.CountAsync(AuthorizerState.Active, It.IsAny<CancellationToken>())).Returns(active.Task);
        registry.Setup(r => r.CountAsync(AuthorizerState.NeedsReauthorization, It.IsAny<CancellationToken>())).Returns(reauth.Task);
        registry.Setup(r => r.GetSoonestExpiryAsync(It.IsAny<CancellationToken>())).Returns(soonest.Task);
        var commands = new Mock<ICommandStore>();
        commands.Setup(c => c.CountProblemsAsync(It.IsAny<CancellationToken>())).Returns(problems.Task);
        var sut = new StatusQueries(commands.Object, registry.Object, Mock.Of<ISecretVault>(), new FakeTimeProvider(Now), new ProcessingOptions());

        var health = sut.GetHealthAsync();

        Assert.False(health.IsCompleted);
        registry.Verify(r => r.CountAsync(AuthorizerState.Active, It.IsAny<CancellationToken>()), Times.Once());
        registry.Verify(r => r.CountAsync(AuthorizerState.NeedsReauthorization, It.IsAny<CancellationToken>()), Times.Once());
        registry.Verify(r => r.GetSoonestExpiryAsync(It.IsAny<CancellationToken>()), Times.Once());
        commands.Verify(c => c.CountProblemsAsync(It.IsAny<CancellationToken>()), Times.Once());
        active.SetResult(7);
        reauth.SetResult(2);
        soonest.SetResult(Now.AddMinutes(5));
        problems.SetResult((3, 4));
        var view = await health;
        Assert.Equal((7L, 2L, Now.AddMinutes(5), 3, 4), (view.ActiveAuthorizers, view.AuthorizersNeedingReauthorization, view.NearestAuthorizerTokenExpiry, view.FailedCommands, view.DeferredCommands));
        Assert.Contains("2 authorizer(s) need re-authorization", view.Problems);
        Assert.Contains($"an authorizer token expires at {Now.AddMinutes(5):O}", view.Problems);
    }
}
