using Azure;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using Moq;
using WeChatDomains.Azure.Vault;

namespace WeChatDomains.Azure.Tests.Vault;

public sealed class KeyVaultSecretVaultTests
{
    private const string Name = "authorizer-wx0000000000000001-access-token";
    private readonly Mock<SecretClient> _client = new(MockBehavior.Strict);
    private readonly FakeTimeProvider _time = new();
    private readonly FakeLogCollector _logs = new();

    private KeyVaultSecretVault CreateSut() => new(_client.Object, _time, new FakeLogger<KeyVaultSecretVault>(_logs));

    [Fact]
    public async Task GetAsync_Stored_ReturnsValueExpiryAndUpdateTime()
    {
        var expires = _time.GetUtcNow().AddHours(2);
        var properties = SecretModelFactory.SecretProperties(name: Name, updatedOn: _time.GetUtcNow());
        properties.ExpiresOn = expires;
        _client.Setup(c => c.GetSecretAsync(Name, null, null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(SecretModelFactory.KeyVaultSecret(properties, "token-value"), new FakeResponse(200)));

        var secret = await CreateSut().GetAsync(Name);

        Assert.Equal("token-value", secret?.Value);
        Assert.Equal(expires, secret?.ExpiresOn);
        Assert.Equal(_time.GetUtcNow(), secret?.UpdatedOn);
    }

    [Fact]
    public async Task GetAsync_NotFound_ReturnsNull()
    {
        _client.Setup(c => c.GetSecretAsync(Name, null, null, It.IsAny<CancellationToken>())).ThrowsAsync(FakeResponse.Failure(404));

        Assert.Null(await CreateSut().GetAsync(Name));
    }

    [Fact]
    public async Task SetAsync_SetsExpiresOn()
    {
        var expires = _time.GetUtcNow().AddHours(2);
        KeyVaultSecret? sent = null;
        _client.Setup(c => c.SetSecretAsync(It.IsAny<KeyVaultSecret>(), It.IsAny<CancellationToken>()))
            .Callback((KeyVaultSecret s, CancellationToken _) => sent = s)
            .ReturnsAsync((KeyVaultSecret s, CancellationToken _) => Response.FromValue(s, new FakeResponse(200)));

        await CreateSut().SetAsync(Name, "token-value", expires);

        Assert.Equal(Name, sent?.Name);
        Assert.Equal("token-value", sent?.Value);
        Assert.Equal(expires, sent?.Properties.ExpiresOn);
    }

    [Fact]
    public async Task DeleteAsync_NotFound_IsDone()
    {
        _client.Setup(c => c.StartDeleteSecretAsync(Name, It.IsAny<CancellationToken>())).ThrowsAsync(FakeResponse.Failure(404));

        await CreateSut().DeleteAsync(Name);

        _client.Verify(c => c.StartDeleteSecretAsync(Name, It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SetAsync_Throttled_WaitsRetryAfterOnTheTimeProviderThenWrites()
    {
        var calls = 0;
        _client.Setup(c => c.SetSecretAsync(It.IsAny<KeyVaultSecret>(), It.IsAny<CancellationToken>()))
            .Returns((KeyVaultSecret s, CancellationToken _) => ++calls == 1
                ? Task.FromException<Response<KeyVaultSecret>>(FakeResponse.Failure(429, ("Retry-After", "5")))
                : Task.FromResult(Response.FromValue(s, new FakeResponse(200))));

        var write = CreateSut().SetAsync(Name, "token-value", null);
        _time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(write.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(0.1));
        await write;

        Assert.Equal(2, calls);
        Assert.Contains(_logs.GetSnapshot(), r => r.Id.Id == 3201);
    }

    [Fact]
    public async Task SetAsync_ManyWritesUnderRepeatedThrottling_SlowerButEveryValueStored()
    {
        var stored = new Dictionary<string, string>();
        var calls = 0;
        _client.Setup(c => c.SetSecretAsync(It.IsAny<KeyVaultSecret>(), It.IsAny<CancellationToken>()))
            .Returns((KeyVaultSecret s, CancellationToken _) =>
            {
                if (++calls % 3 != 0)
                {
                    return Task.FromException<Response<KeyVaultSecret>>(FakeResponse.Failure(429));
                }

                stored[s.Name] = s.Value;
                return Task.FromResult(Response.FromValue(s, new FakeResponse(200)));
            });
        var sut = CreateSut();
        var started = _time.GetUtcNow();

        for (var i = 0; i < 20; i++)
        {
            var write = sut.SetAsync($"secret-{i}", $"value-{i}", null);
            while (!write.IsCompleted)
            {
                _time.Advance(TimeSpan.FromMilliseconds(500));
                await Task.Yield();
            }

            await write;
        }

        Assert.Equal(20, stored.Count);
        Assert.All(Enumerable.Range(0, 20), i => Assert.Equal($"value-{i}", stored[$"secret-{i}"]));
        Assert.True(_time.GetUtcNow() - started >= TimeSpan.FromSeconds(20 * 3), "throttled writes should take the backoff time");
    }

    [Fact]
    public async Task SetAsync_NameSoftDeleted_RecoversThenWrites()
    {
        var calls = 0;
        _client.Setup(c => c.SetSecretAsync(It.IsAny<KeyVaultSecret>(), It.IsAny<CancellationToken>()))
            .Returns((KeyVaultSecret s, CancellationToken _) => ++calls == 1
                ? Task.FromException<Response<KeyVaultSecret>>(FakeResponse.Failure(409))
                : Task.FromResult(Response.FromValue(s, new FakeResponse(200))));
        var recovery = new Mock<RecoverDeletedSecretOperation>();
        recovery.Setup(o => o.WaitForCompletionAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(SecretModelFactory.SecretProperties(name: Name), new FakeResponse(200)));
        _client.Setup(c => c.StartRecoverDeletedSecretAsync(Name, It.IsAny<CancellationToken>())).ReturnsAsync(recovery.Object);
        _client.Setup(c => c.GetDeletedSecretAsync(Name, It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(SecretModelFactory.DeletedSecret(SecretModelFactory.SecretProperties(name: Name)), new FakeResponse(200)));

        await CreateSut().SetAsync(Name, "token-value", null);

        Assert.Equal(2, calls);
        recovery.Verify(o => o.WaitForCompletionAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SetAsync_NameBeingDeletedNotRecoverableYet_Issue18_SecretUnavailableWithoutRecovering()
    {
        _client.Setup(c => c.SetSecretAsync(It.IsAny<KeyVaultSecret>(), It.IsAny<CancellationToken>())).ThrowsAsync(FakeResponse.Failure(409));
        _client.Setup(c => c.GetDeletedSecretAsync(Name, It.IsAny<CancellationToken>())).ThrowsAsync(FakeResponse.Failure(404));

        var error = await Assert.ThrowsAsync<Core.Ports.SecretUnavailableException>(() => CreateSut().SetAsync(Name, "token-secret-value", null));

        Assert.DoesNotContain("token-secret-value", error.ToString(), StringComparison.Ordinal);
        _client.Verify(c => c.StartRecoverDeletedSecretAsync(It.IsAny<string>(), It.IsAny<CancellationToken>()), Times.Never);
    }

    [Fact]
    public async Task DeleteAsync_SoftDeleteOn_Issue18_WaitsUntilTheDeleteCompleted()
    {
        var deletion = new Mock<DeleteSecretOperation>();
        deletion.Setup(o => o.WaitForCompletionAsync(It.IsAny<CancellationToken>()))
            .ReturnsAsync(Response.FromValue(SecretModelFactory.DeletedSecret(SecretModelFactory.SecretProperties(name: Name)), new FakeResponse(200)));
        _client.Setup(c => c.StartDeleteSecretAsync(Name, It.IsAny<CancellationToken>())).ReturnsAsync(deletion.Object);

        await CreateSut().DeleteAsync(Name);

        deletion.Verify(o => o.WaitForCompletionAsync(It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public void CreateClientOptions_SdkRetriesTransportFaultsButLeaves429ToTheVault()
    {
        var options = KeyVaultSecretVault.CreateClientOptions();

        Assert.IsAssignableFrom<RetryPolicy>(options.RetryPolicy);
        Assert.True(ThrottleDeferringRetryPolicy.IsLeftToVault(429));
        Assert.False(ThrottleDeferringRetryPolicy.IsLeftToVault(503));
    }
}
