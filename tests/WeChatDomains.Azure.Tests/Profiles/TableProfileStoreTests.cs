using System.Text;
using Azure.Data.Tables;
using Microsoft.Extensions.Options;
using WeChatDomains.Azure.Profiles;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Core.Profiles;
using WeChatDomains.Testing;

namespace WeChatDomains.Azure.Tests.Profiles;

[Collection(AzuriteCollection.Name)]
public sealed class TableProfileStoreTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SaveNewVersionAsync_EachPut_MakesTheNextVersionAndKeepsTheOld()
    {
        var sut = CreateSut();

        var v1 = await sut.SaveNewVersionAsync(Profile("base", "https://api.example.com", isDefault: true), T0);
        var v2 = await sut.SaveNewVersionAsync(Profile("base", "https://api2.example.com", isDefault: true), T0.AddMinutes(1));

        Assert.Equal((1, 2), (v1.Version, v2.Version));
        Assert.Equal(["https://api2.example.com"], (await sut.GetAsync("base"))!.Server["requestdomain"]);
        Assert.Equal(["https://api.example.com"], (await sut.GetVersionAsync("base", 1))!.Server["requestdomain"]);
        Assert.Equal(T0.AddMinutes(1), (await sut.GetAsync("base"))!.CreatedAt);
        Assert.Equal("base", await sut.GetDefaultNameAsync());
    }

    [Fact]
    public async Task SaveNewVersionAsync_ConcurrentPuts_EveryVersionDistinct()
    {
        var sut = CreateSut();

        var stored = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => sut.SaveNewVersionAsync(Profile("race", $"https://a{i}.example.com"), T0)));

        var versions = stored.Select(p => p.Version).Order().ToList();
        Assert.True(versions.SequenceEqual(Enumerable.Range(1, 6)), $"versions handed out: [{string.Join(", ", versions)}]");
    }

    [Fact]
    public async Task SaveNewVersionAsync_NoLongerDefault_ClearsTheDefault()
    {
        var sut = CreateSut();
        await sut.SaveNewVersionAsync(Profile("base", "https://api.example.com", isDefault: true), T0);

        await sut.SaveNewVersionAsync(Profile("base", "https://api.example.com", isDefault: false), T0);

        Assert.Null(await sut.GetDefaultNameAsync());
    }

    [Fact]
    public async Task AssignAsync_ListsAndReadsBack()
    {
        var sut = CreateSut();

        await sut.AssignAsync("wx0000000000000001", "canary");
        await sut.AssignAsync("wx0000000000000002", "base");
        await sut.AssignAsync("wx0000000000000001", "base");

        Assert.Equal("base", await sut.GetAssignmentAsync("wx0000000000000001"));
        Assert.Null(await sut.GetAssignmentAsync("wx0000000000000003"));
        Assert.Equal(2, (await sut.ListAssignmentsAsync()).Count(a => a.Value == "base"));
    }

    [Fact]
    public async Task ListAsync_ReturnsTheCurrentVersionOfEachProfile()
    {
        var sut = CreateSut();
        await sut.SaveNewVersionAsync(Profile("a", "https://a.example.com"), T0);
        await sut.SaveNewVersionAsync(Profile("a", "https://a2.example.com"), T0);
        await sut.SaveNewVersionAsync(Profile("b", "https://b.example.com"), T0);

        var listed = await sut.ListAsync();

        Assert.Equal(["a:2", "b:1"], listed.Select(p => $"{p.Name}:{p.Version}").Order());
    }

    private TableProfileStore CreateSut() =>
        new(new TableServiceClient(azurite.ConnectionString), Options.Create(new TableStorageOptions { ConnectionString = azurite.ConnectionString, TablePrefix = AzuriteFixture.UniqueName("t") }));

    private static DomainProfile Profile(string name, string request, bool isDefault = false)
    {
        var json = $$"""{"mode":"direct","server":{"requestdomain":["{{request}}"]},"default":{{(isDefault ? "true" : "false")}}}""";
        return ProfileParser.Parse(name, Encoding.UTF8.GetBytes(json)).Profile!;
    }
}
