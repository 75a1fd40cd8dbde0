using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.Time.Testing;
using WeChatDomains.Azure.Vault;

namespace WeChatDomains.Azure.Tests.Vault;

public sealed class DataProtectionFileVaultTests : IDisposable
{
    private const string Name = "component-access-token";
    private readonly DirectoryInfo _root = Directory.CreateTempSubdirectory("wcd-vault-");
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 1, 0, 0, 0, TimeSpan.Zero));

    public void Dispose() => _root.Delete(recursive: true);

    private DirectoryInfo Secrets => new(Path.Combine(_root.FullName, "secrets"));

    private DataProtectionFileVault CreateSut(string application = "WeChatDomains.Tests") => new(
        DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(_root.FullName, "keys")), b => b.SetApplicationName(application)),
        Secrets, _time);

    [Fact]
    public async Task SetAsync_ThenGetAsync_ReturnsValueExpiryAndWriteTime()
    {
        var expires = _time.GetUtcNow().AddHours(2);
        await CreateSut().SetAsync(Name, "secret-token-value", expires);

        var secret = await CreateSut().GetAsync(Name);

        Assert.Equal("secret-token-value", secret?.Value);
        Assert.Equal(expires, secret?.ExpiresOn);
        Assert.Equal(_time.GetUtcNow(), secret?.UpdatedOn);
    }

    [Fact]
    public async Task SetAsync_FileOnDisk_HoldsNeitherValueNorPlainJson()
    {
        await CreateSut().SetAsync(Name, "secret-token-value", null);

        var files = Secrets.GetFiles();
        var bytes = await File.ReadAllTextAsync(Assert.Single(files).FullName);
        Assert.DoesNotContain("secret-token-value", bytes, StringComparison.Ordinal);
        Assert.DoesNotContain("Value", bytes, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SetAsync_Twice_KeepsTheNewVersionAndLeavesNoTemporaryFile()
    {
        var sut = CreateSut();
        await sut.SetAsync(Name, "old", null);
        _time.Advance(TimeSpan.FromMinutes(1));

        await sut.SetAsync(Name, "new", null);

        Assert.Equal("new", (await sut.GetAsync(Name))?.Value);
        Assert.Equal([Name + ".secret"], Secrets.GetFiles().Select(f => f.Name));
    }

    [Fact]
    public async Task GetAsync_Missing_ReturnsNull() => Assert.Null(await CreateSut().GetAsync(Name));

    [Fact]
    public async Task DeleteAsync_ExistingAndMissing_BothDone()
    {
        var sut = CreateSut();
        await sut.SetAsync(Name, "value", null);

        await sut.DeleteAsync(Name);
        await sut.DeleteAsync(Name);

        Assert.Null(await sut.GetAsync(Name));
    }

    [Theory]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("")]
    public async Task SetAsync_NameOutsideKeyVaultRules_Refused(string name) =>
        await Assert.ThrowsAsync<ArgumentException>(() => CreateSut().SetAsync(name, "value", null));

    [Fact]
    public async Task GetAsync_OtherApplicationsKeys_RefusesWithoutShowingTheValue()
    {
        await CreateSut().SetAsync(Name, "secret-token-value", null);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => CreateSut("another-app").GetAsync(Name));

        Assert.DoesNotContain("secret-token-value", error.ToString(), StringComparison.Ordinal);
    }
}
