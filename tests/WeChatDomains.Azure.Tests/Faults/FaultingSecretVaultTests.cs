using Azure;
using Microsoft.Extensions.Logging.Abstractions;
using Moq;
using WeChatDomains.Azure.Faults;
using WeChatDomains.Core.Ports;

namespace WeChatDomains.Azure.Tests.Faults;

public sealed class FaultingSecretVaultTests
{
    private readonly Mock<ISecretVault> _inner = new();

    [Fact]
    public async Task SetAsync_AtTheRate_FailsAsKeyVaultDoesBeforeAndAfterTheWriteIsApplied()
    {
        var sut = new FaultingSecretVault(_inner.Object, new VaultFaultOptions { Rate = 0.5, Seed = 7 }, NullLogger<FaultingSecretVault>.Instance);
        var statuses = new Dictionary<int, int>();

        for (var i = 0; i < 400; i++)
        {
            try
            {
                await sut.SetAsync($"secret-{i}", "value", null);
            }
            catch (RequestFailedException e)
            {
                statuses[e.Status] = statuses.GetValueOrDefault(e.Status) + 1;
            }
        }

        var failed = statuses.Values.Sum();
        Assert.Equal(failed, sut.Injected);
        Assert.InRange(failed, 150, 250);
        Assert.All(new[] { 429, 503, 500, 0 }, s => Assert.True(statuses.GetValueOrDefault(s) > 0, $"no {s} among {string.Join(", ", statuses)}"));
        var applied = 400 - statuses[429] - statuses[503];
        _inner.Verify(v => v.SetAsync(It.IsAny<string>(), "value", null, It.IsAny<CancellationToken>()), Times.Exactly(applied));
    }

    [Fact]
    public async Task GetAsync_AnyRate_IsNeverFaulted()
    {
        var sut = new FaultingSecretVault(_inner.Object, new VaultFaultOptions { Rate = 0.5 }, NullLogger<FaultingSecretVault>.Instance);

        for (var i = 0; i < 50; i++)
        {
            await sut.GetAsync("secret");
        }

        Assert.Equal(0, sut.Injected);
        _inner.Verify(v => v.GetAsync("secret", It.IsAny<CancellationToken>()), Times.Exactly(50));
    }
}
