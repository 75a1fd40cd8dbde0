using System.Net.Http.Json;
using System.Text;
using Azure.Core;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Moq;
using WeChatDomains.Azure.Authorizers;
using WeChatDomains.Azure.Commands;
using WeChatDomains.Azure.Hosting;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Azure.Tests.TableStorage;
using WeChatDomains.Core.Api;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.Core.Tokens;
using WeChatDomains.Sandbox;
using WeChatDomains.Testing;
using Xunit.Abstractions;

namespace WeChatDomains.Azure.Tests.Authorizers;

/// <summary>
/// The token index of <see cref="TableAuthorizerRegistry"/> on Azurite: the sweep reads only the due authorizers and
/// health the soonest expiry, each at a cost counted in table requests, with a fleet larger than any one page.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class TokenDueIndexTests(AzuriteFixture azurite, ITestOutputHelper output)
{
    private const int Fleet = 1200;
    private static readonly DateTimeOffset T0 = new(2026, 11, 30, 8, 0, 0, TimeSpan.Zero);

    private readonly string _prefix = AzuriteFixture.UniqueName("d");

    [Fact]
    public async Task ListDueAsync_ThreeDueAmong1200_ReturnsThoseInAFewRequests()
    {
        var sut = CreateSut(out var log);
        await sut.GetSoonestExpiryAsync(); // The index exists from the start: nothing to backfill.
        await SeedAsync(sut, Fleet, i => T0.AddHours(2));
        string[] due = ["wxdue0000000000001", "wxdue0000000000002", "wxdue0000000000003"];
        foreach (var appId in due)
        {
            await sut.TryUpsertAsync(Active(appId, T0.AddMinutes(10)));
        }

        log.Clear();
        var page = await sut.ListDueAsync(T0.AddMinutes(30), 500, null);

        Assert.Equal(due, page.Items.Select(r => r.AppId).Order(StringComparer.Ordinal));
        Assert.Null(page.Continuation);
        var requests = AuthorizerRequests(log);
        // A query per shard, in parallel, and a point read per due authorizer.
        Assert.True(requests <= TokenExpiryIndex.Shards + due.Length, $"{requests} requests to list {due.Length} due authorizers among {Fleet + due.Length}");
    }

    [Fact]
    public async Task Sweep_1200NotDueAndTheSandboxAuthorizersDue_RefreshesTheDueReadingOnlyThem()
    {
        await using var sandbox = await SandboxServer.StartAsync();
        await using var pushes = await SandboxPushRecorder.StartAsync();
        var time = new FakeTimeProvider(await sandbox.GetClockAsync());
        var vault = Directory.CreateTempSubdirectory("wechatdomains-vault-");
        try
        {
            var log = new RequestLog();
            await using var instance = CreateInstance(sandbox, time, vault, log);
            var registry = instance.GetRequiredService<IAuthorizerRegistry>();
            await registry.GetSoonestExpiryAsync();
            await OnboardAsync(sandbox, pushes, instance);
            time.Advance(TimeSpan.FromMinutes(105));
            await sandbox.AdvanceClockAsync(TimeSpan.FromMinutes(105));
            await SeedAsync(registry, Fleet, _ => time.GetUtcNow().AddHours(2));
            var due = SandboxSeed.AuthorizerAppIds.Count;

            log.Clear();
            var result = await instance.GetRequiredService<TokenRefreshSweep>().RunAsync();

            Assert.Equal(due + 1, result.Refreshed); // the component token as well
            Assert.Equal(Fleet, result.Skipped);
            Assert.Equal(time.GetUtcNow().AddHours(2), result.NearestExpiry);
            var requests = AuthorizerRequests(log);
            output.WriteLine($"sweep: {requests} authorizers-table requests, {due} due of {Fleet + due}");
            // About 15 per due token and a constant: with the due page, the due times and the soonest read from every shard
            // of the token index, and the Active count from every partition of the by-state index.
            var constant = 10 + (3 * (TokenExpiryIndex.Shards - 1)) + (CountedStateIndex.PartitionShards - 1);
            Assert.True(requests <= (15 * due) + constant, $"{requests} requests to the authorizers table to refresh {due} of {Fleet + due} authorizers");
        }
        finally
        {
            vault.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task GetHealthAsync_1200Authorizers_ExactSoonestAndCountsInConstantRequests()
    {
        var registry = CreateSut(out var log);
        await registry.GetSoonestExpiryAsync();
        await SeedAsync(registry, Fleet, i => T0.AddMinutes(60 + (i % 50)));
        await registry.TryUpsertAsync(Active("wxsoonest000000001", T0.AddMinutes(42)));
        await registry.TryUpsertAsync(Active("wxrevoked000000001", T0.AddMinutes(5)) with { State = AuthorizerState.NeedsReauthorization });
        var queries = new StatusQueries(
            new TableCommandStore(Tables(), new FakeTimeProvider(T0), NullLogger<TableCommandStore>.Instance),
            registry,
            Mock.Of<ISecretVault>(),
            new FakeTimeProvider(T0),
            new ProcessingOptions());

        log.Clear();
        var health = await queries.GetHealthAsync();

        Assert.Equal(T0.AddMinutes(42), health.NearestAuthorizerTokenExpiry);
        Assert.Equal(Fleet + 1, health.ActiveAuthorizers);
        Assert.Equal(1, health.AuthorizersNeedingReauthorization);
        var requests = AuthorizerRequests(log);
        output.WriteLine($"health: {requests} authorizers-table requests over {Fleet + 2} authorizers");
        // The soonest: a query per shard, in parallel, and its record; the two counts, a query per partition each.
        var expected = TokenExpiryIndex.Shards + 1 + (2 * CountedStateIndex.PartitionShards);
        Assert.True(requests <= expected + 1, $"{requests} requests to the authorizers table for health over {Fleet + 2} authorizers");
    }

    [Fact]
    public async Task TryUpsertAsync_Refreshed_MovesTheRowsAndSoonestFollows()
    {
        var sut = CreateSut(out _);
        var first = await sut.TryUpsertAsync(Active("wxaaaaaaaaaaaaaaa1", T0.AddMinutes(5)));
        await sut.TryUpsertAsync(Active("wxaaaaaaaaaaaaaaa2", T0.AddMinutes(50)));

        await sut.TryUpsertAsync(first! with { AccessTokenExpiresAt = T0.AddHours(2) });

        Assert.Equal(T0.AddMinutes(50), await sut.GetSoonestExpiryAsync());
        var due = await sut.ListDueAsync(T0.AddMinutes(30), 10, null);
        Assert.Empty(due.Items);
        Assert.Equal(4, await CountIndexRowsAsync()); // two rows per authorizer, none left behind (the marker aside)
    }

    [Fact]
    public async Task TryUpsertAsync_Revoked_LeavesTheIndex()
    {
        var sut = CreateSut(out _);
        var stored = await sut.TryUpsertAsync(Active("wxaaaaaaaaaaaaaaa1", T0.AddMinutes(5)));

        await sut.TryUpsertAsync(stored! with { State = AuthorizerState.Revoked });

        Assert.Null(await sut.GetSoonestExpiryAsync());
        Assert.Empty((await sut.ListDueAsync(T0.AddDays(1), 10, null)).Items);
        Assert.Equal(0, await CountIndexRowsAsync());
    }

    [Fact]
    public async Task ListDueAsync_NewAuthorizerWithoutExpiry_DueAtOnce()
    {
        var sut = CreateSut(out _);
        await sut.TryUpsertAsync(new AuthorizerRecord { AppId = "wxaaaaaaaaaaaaaaa1", State = AuthorizerState.Active });

        var due = await sut.ListDueAsync(T0, 10, null);

        Assert.Equal("wxaaaaaaaaaaaaaaa1", Assert.Single(due.Items).AppId);
        Assert.Null(await sut.GetSoonestExpiryAsync());
    }

    [Fact]
    public async Task ListDueAsync_RowsLeftByACrash_SkippedAndRemovedAndTheRecordStillFound()
    {
        var sut = CreateSut(out _);
        var index = new TokenExpiryIndex(Tables());
        var stored = await sut.TryUpsertAsync(Active("wxaaaaaaaaaaaaaaa1", T0.AddHours(2)));
        // A writer that crashed after adding the rows of an earlier expiry, or before removing them.
        await index.AddAsync(stored!.AppId, T0.AddMinutes(1), T0.AddMinutes(1), default);

        var due = await sut.ListDueAsync(T0.AddHours(3), 10, null);

        Assert.Equal("wxaaaaaaaaaaaaaaa1", Assert.Single(due.Items).AppId);
        Assert.Equal(T0.AddHours(2), await sut.GetSoonestExpiryAsync());
        Assert.Equal(2, await CountIndexRowsAsync());
    }

    [Fact]
    public async Task ListDueAsync_RecordsStoredBeforeTheIndex_IndexedOnceByTheFirstQuery()
    {
        var sut = CreateSut(out _);
        await sut.TryUpsertAsync(Active("wxaaaaaaaaaaaaaaa1", T0.AddMinutes(5)));
        await sut.TryUpsertAsync(Active("wxaaaaaaaaaaaaaaa2", T0.AddMinutes(50)));
        var table = Tables().Authorizers;
        var indexAndMarker = TableClient.CreateQueryFilter($"PartitionKey ge {TokenExpiryIndex.LegacyPartition} and PartitionKey lt {TokenExpiryIndex.LegacyPartition + "}"}");
        await foreach (var row in table.QueryAsync<TableEntity>(indexAndMarker))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey); // as a version without the index stored them
        }

        var fresh = CreateSut(out _);
        var due = await fresh.ListDueAsync(T0.AddMinutes(30), 10, null);

        Assert.Equal("wxaaaaaaaaaaaaaaa1", Assert.Single(due.Items).AppId);
        Assert.Equal(T0.AddMinutes(5), await fresh.GetSoonestExpiryAsync());
        Assert.Equal(4, await CountIndexRowsAsync()); // two per authorizer
    }

    [Fact]
    public async Task ListDueTimesAsync_1200Authorizers_Issue16_TheirDueTimesInOrderFromKeysOnly()
    {
        var sut = CreateSut(out var log);
        await sut.GetSoonestExpiryAsync();
        await SeedAsync(sut, Fleet, i => T0.AddSeconds(7 * i));
        await sut.TryUpsertAsync(new AuthorizerRecord { AppId = "wxnoexpiry00000001", State = AuthorizerState.Active });
        var dueBy = T0.AddSeconds(7 * 1000);

        log.Clear();
        var times = await sut.ListDueTimesAsync(dueBy);

        var expected = Enumerable.Range(0, Fleet)
            .Select(i => RefreshSlots.DueAt(AppIdOf(i), T0.AddSeconds(7 * i), TokenConstants.DefaultRefreshSpread)!.Value)
            .Where(d => d < dueBy)
            .Prepend(DateTimeOffset.MinValue)
            .Order();
        Assert.Equal(expected, times);
        Assert.True(AuthorizerRequests(log) <= TokenExpiryIndex.Shards, $"{AuthorizerRequests(log)} requests for {times.Count} due times"); // a query per shard
    }

    [Fact]
    public async Task ListDueAsync_RowsWrittenUnderOtherSlotOffsets_Issue16_RecordStillDueAndItsRowMoved()
    {
        var before = CreateSut(out _, TimeSpan.FromMinutes(7));
        await before.GetSoonestExpiryAsync();
        await before.TryUpsertAsync(Active("wxaaaaaaaaaaaaaaa1", T0.AddHours(2)));
        var sut = CreateSut(out _);
        var dueAt = RefreshSlots.DueAt("wxaaaaaaaaaaaaaaa1", T0.AddHours(2), TokenConstants.DefaultRefreshSpread)!.Value;

        var due = await sut.ListDueAsync(T0.AddHours(3), 10, null);

        Assert.Equal("wxaaaaaaaaaaaaaaa1", Assert.Single(due.Items).AppId);
        Assert.Equal(new[] { dueAt }, await sut.ListDueTimesAsync(T0.AddHours(3)));
        Assert.Equal(T0.AddHours(2), await sut.GetSoonestExpiryAsync());
        Assert.Equal(2, await CountIndexRowsAsync());
    }

    private static AuthorizerRecord Active(string appId, DateTimeOffset expiresAt) =>
        new() { AppId = appId, State = AuthorizerState.Active, AccessTokenExpiresAt = expiresAt };

    private static string AppIdOf(int i) => "wxfleet" + i.ToString("D11", System.Globalization.CultureInfo.InvariantCulture);

    private static Task SeedAsync(IAuthorizerRegistry registry, int count, Func<int, DateTimeOffset> expiresAt) =>
        Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
        {
            var stored = await registry.TryUpsertAsync(Active(AppIdOf(i), expiresAt(i)), token);
            Assert.NotNull(stored);
        });

    private int AuthorizerRequests(RequestLog log) =>
        log.Requests.Count(r => r.EndsWith(" " + _prefix + TableStorageConstants.AuthorizersTable, StringComparison.Ordinal));

    private async Task<int> CountIndexRowsAsync()
    {
        var count = 0;
        var shards = TokenExpiryIndex.LegacyPartition + "|";
        var rows = Tables().Authorizers.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey gt {shards} and PartitionKey lt {shards + "~"}"));
        await foreach (var _ in rows)
        {
            count++;
        }

        return count;
    }

    private TableStorageTables Tables() => new(new TableServiceClient(azurite.ConnectionString), _prefix);

    private TableAuthorizerRegistry CreateSut(out RequestLog log, TimeSpan? spread = null) =>
        new(RequestLog.Tables(azurite, _prefix, out log), NullLogger<TableAuthorizerRegistry>.Instance,
            Options.Create(new TokenOptions { RefreshSpread = spread ?? TokenConstants.DefaultRefreshSpread }));

    private ServiceProvider CreateInstance(SandboxServer sandbox, FakeTimeProvider time, DirectoryInfo vault, RequestLog log)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["TableStorage:ConnectionString"] = azurite.ConnectionString,
            ["TableStorage:TablePrefix"] = _prefix,
            ["WeChatClient:BaseUrl"] = sandbox.BaseAddress.ToString(),
            ["LocalVault:Folder"] = vault.FullName,
            ["Platform:AppId"] = SandboxSeed.PlatformAppId,
            ["Platform:AppSecret"] = SandboxSeed.PlatformSecret,
            ["Platform:Token"] = SandboxSeed.PlatformToken,
            ["Platform:EncodingAesKey"] = SandboxSeed.EncodingAesKey,
        }).Build();
        var options = new TableClientOptions();
        options.AddPolicy(log, HttpPipelinePosition.PerCall);
        var services = new ServiceCollection()
            .AddLogging()
            .AddMetrics()
            .AddSingleton<IConfiguration>(configuration)
            .AddSingleton<TimeProvider>(time)
            .AddSingleton(new TableServiceClient(azurite.ConnectionString, options)); // counted; the adapters keep it
        services.AddWeChatDomainsAdapters(configuration, storageConnectionString: null);
        return services.BuildServiceProvider();
    }

    private static async Task OnboardAsync(SandboxServer sandbox, SandboxPushRecorder pushes, IServiceProvider instance)
    {
        var endpoint = instance.GetRequiredService<PushEndpoint>();
        (await sandbox.Admin.PostAsJsonAsync("sandbox/push-ticket", new { url = pushes.Url })).EnsureSuccessStatusCode();
        await DeliverLastPushAsync(pushes, endpoint);
        foreach (var appId in SandboxSeed.AuthorizerAppIds)
        {
            (await sandbox.Admin.PostAsJsonAsync($"sandbox/authorizers/{appId}/authorize", new { url = pushes.Url })).EnsureSuccessStatusCode();
            await DeliverLastPushAsync(pushes, endpoint);
        }
    }

    private static async Task DeliverLastPushAsync(SandboxPushRecorder pushes, PushEndpoint endpoint)
    {
        var push = pushes.Pushes[^1];
        var answer = await endpoint.ReceiveAsync(push.Query.ToDictionary(p => p.Key, p => (string?)p.Value), Encoding.UTF8.GetBytes(push.Body));
        Assert.Equal(200, answer.StatusCode);
    }
}
