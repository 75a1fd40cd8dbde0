using Microsoft.Extensions.Logging.Abstractions;
using WeChatDomains.Azure.Authorizers;
using WeChatDomains.Azure.TableStorage;
using WeChatDomains.Azure.Tests.TableStorage;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.Testing;

namespace WeChatDomains.Azure.Tests.Authorizers;

[Collection(AzuriteCollection.Name)]
public sealed class TableAuthorizerRegistryTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset T0 = new DateTimeOffset(2025, 3, 1, 8, 0, 0, TimeSpan.Zero).AddTicks(7);

    private readonly TableStorageTables _tables = TestTables.Create(azurite);

    [Fact]
    public async Task TryUpsertAsync_New_RoundTrips()
    {
        var sut = CreateSut();
        var record = Authorizer("wxaaaaaaaaaaaaaaa1") with
        {
            AccessTokenExpiresAt = T0.AddHours(2),
            LastRefreshAt = T0,
            LastRefreshErrorCode = 0,
            PermissionSetIds = [17, 18, 19],
            ServerDomains = """{"requestdomain":["https://api.example.com"]}""",
            DomainsObservedAt = T0,
            LastAuthorizationEventAt = T0.AddMinutes(-3),
        };

        var stored = await sut.TryUpsertAsync(record);
        var read = await sut.GetAsync(record.AppId);

        Assert.NotNull(stored?.ETag);
        Assert.Equivalent(stored, read, strict: true);
        Assert.Equal(T0.AddMinutes(-3), read?.LastAuthorizationEventAt);
    }

    [Fact]
    public async Task TryUpsertAsync_StaleETag_ReturnsNull()
    {
        var sut = CreateSut();
        var first = (await sut.TryUpsertAsync(Authorizer("wxaaaaaaaaaaaaaaa1")))!;
        await sut.TryUpsertAsync(first with { LastRefreshAt = T0 });

        var stale = await sut.TryUpsertAsync(first with { State = AuthorizerState.Revoked });

        Assert.Null(stale);
        Assert.Equal(AuthorizerState.Active, (await sut.GetAsync(first.AppId))!.State);
    }

    [Fact]
    public async Task ListAsync_StateChanges_ListedUnderTheNewStateOnly()
    {
        var sut = CreateSut();
        var a = (await sut.TryUpsertAsync(Authorizer("wxaaaaaaaaaaaaaaa1")))!;
        var b = (await sut.TryUpsertAsync(Authorizer("wxaaaaaaaaaaaaaaa2")))!;

        await sut.TryUpsertAsync(b with { State = AuthorizerState.NeedsReauthorization });

        Assert.Equal([a.AppId], (await sut.ListAsync(AuthorizerState.Active, 10, null)).Items.Select(r => r.AppId));
        Assert.Equal([b.AppId], (await sut.ListAsync(AuthorizerState.NeedsReauthorization, 10, null)).Items.Select(r => r.AppId));
        Assert.Empty((await sut.ListAsync(AuthorizerState.Revoked, 10, null)).Items);
    }

    [Fact]
    public async Task ListAsync_ManyAuthorizers_PagesThroughAll()
    {
        var sut = CreateSut();
        var appIds = Enumerable.Range(1, 5).Select(i => $"wxaaaaaaaaaaaaaaa{i}").ToList();
        foreach (var appId in appIds)
        {
            await sut.TryUpsertAsync(Authorizer(appId));
        }

        var seen = new List<string>();
        string? continuation = null;
        do
        {
            var page = await sut.ListAsync(AuthorizerState.Active, 2, continuation);
            seen.AddRange(page.Items.Select(r => r.AppId));
            continuation = page.Continuation;
        }
        while (continuation is not null && seen.Count < 10);

        Assert.Equal(appIds, seen);
    }

    [Fact]
    public async Task TryMergeDomainsAsync_Existing_SetsDomainsAndKeepsEverythingElse()
    {
        var sut = CreateSut();
        var stored = (await sut.TryUpsertAsync(Authorizer("wxaaaaaaaaaaaaaaa1") with
        {
            State = AuthorizerState.NeedsReauthorization,
            AccessTokenExpiresAt = T0.AddHours(2),
            PermissionSetIds = [17],
            WebviewDomains = """["https://old.example.com"]""",
        }))!;

        var merged = await sut.TryMergeDomainsAsync(stored.AppId, new DomainsPatch { ServerDomains = """{"requestdomain":["https://api.example.com"]}""" }, T0.AddMinutes(1));
        var read = (await sut.GetAsync(stored.AppId))!;

        Assert.True(merged);
        Assert.Equal("""{"requestdomain":["https://api.example.com"]}""", read.ServerDomains);
        Assert.Equal("""["https://old.example.com"]""", read.WebviewDomains);
        Assert.Equal(T0.AddMinutes(1), read.DomainsObservedAt);
        Assert.Equal(AuthorizerState.NeedsReauthorization, read.State);
        Assert.Equal(T0.AddHours(2), read.AccessTokenExpiresAt);
        Assert.Equal([17], read.PermissionSetIds);
    }

    /// <summary>Issue 15 drift: a modification writes only its source; the console's (mp) lists a get read stay as they were.</summary>
    [Fact]
    public async Task TryMergeDomainsAsync_PlatformSourceOnly_KeepsTheConsoleAndDirectSources()
    {
        var sut = CreateSut();
        var appId = "wxaaaaaaaaaaaaaaa4";
        await sut.TryUpsertAsync(Authorizer(appId));
        await sut.TryMergeDomainsAsync(appId, new DomainsPatch
        {
            ServerDomains = """{"requestdomain":["https://console.example.com","https://old.example.com"]}""",
            MpServerDomains = """{"requestdomain":["https://console.example.com"]}""",
            ThirdServerDomains = """{"requestdomain":["https://old.example.com"]}""",
            DirectServerDomains = "{}",
        }, T0);

        await sut.TryMergeDomainsAsync(appId, new DomainsPatch { ThirdServerDomains = """{"requestdomain":["https://api.example.com"]}""" }, T0.AddMinutes(1));
        var read = (await sut.GetAsync(appId))!;

        Assert.Equal("""{"requestdomain":["https://api.example.com"]}""", read.ThirdServerDomains);
        Assert.Equal("""{"requestdomain":["https://console.example.com"]}""", read.MpServerDomains);
        Assert.Equal("{}", read.DirectServerDomains);
        Assert.Equal("""{"requestdomain":["https://console.example.com","https://old.example.com"]}""", read.ServerDomains);
        Assert.Equal(T0.AddMinutes(1), read.DomainsObservedAt);
    }

    [Fact]
    public async Task TryMergeDomainsAsync_ShorterAfterChunkedValue_ReadsBackTheShorterOne()
    {
        var sut = CreateSut();
        var appId = "wxaaaaaaaaaaaaaaa2";
        var longList = "[" + string.Join(",", Enumerable.Range(0, 4000).Select(i => $"\"https://d{i}.example.com\"")) + "]";
        await sut.TryUpsertAsync(Authorizer(appId) with { ServerDomains = longList });

        await sut.TryMergeDomainsAsync(appId, new DomainsPatch { ServerDomains = """{"requestdomain":[]}""" }, T0);

        Assert.True(longList.Length > 64_000);
        Assert.Equal("""{"requestdomain":[]}""", (await sut.GetAsync(appId))!.ServerDomains);
    }

    [Fact]
    public async Task TryMergeDomainsAsync_NoEntry_ReturnsFalseAndCreatesNothing()
    {
        var sut = CreateSut();

        var merged = await sut.TryMergeDomainsAsync("wxaaaaaaaaaaaaaaa3", new DomainsPatch { ServerDomains = "{}" }, T0);

        Assert.False(merged);
        Assert.Null(await sut.GetAsync("wxaaaaaaaaaaaaaaa3"));
    }

    [Fact]
    public async Task GetLedgerAsync_NoneStored_ReturnsZeroWithoutETag()
    {
        var ledger = await CreateSut().GetLedgerAsync("wxaaaaaaaaaaaaaaa1", "2025-03");

        Assert.Equal(new QuotaLedger { AppId = "wxaaaaaaaaaaaaaaa1", Month = "2025-03" }, ledger);
    }

    [Fact]
    public async Task TryWriteLedgerAsync_InsertTwice_SecondReturnsNull()
    {
        var sut = CreateSut();
        var ledger = new QuotaLedger { AppId = "wxaaaaaaaaaaaaaaa1", Month = "2025-03", Used = 1 };

        var first = await sut.TryWriteLedgerAsync(ledger);
        var second = await sut.TryWriteLedgerAsync(ledger with { Used = 7 });

        Assert.NotNull(first?.ETag);
        Assert.Null(second);
        Assert.Equal(first, await sut.GetLedgerAsync(ledger.AppId, ledger.Month));
    }

    [Fact]
    public async Task TryWriteLedgerAsync_WithETag_UpdatesOnceThenConflicts()
    {
        var sut = CreateSut();
        var stored = (await sut.TryWriteLedgerAsync(new QuotaLedger { AppId = "wxaaaaaaaaaaaaaaa1", Month = "2025-03", Used = 1 }))!;

        var updated = await sut.TryWriteLedgerAsync(stored with { Used = 2, Spent = true });
        var stale = await sut.TryWriteLedgerAsync(stored with { Used = 3 });

        Assert.NotNull(updated);
        Assert.Null(stale);
        var read = await sut.GetLedgerAsync(stored.AppId, stored.Month);
        Assert.Equal((2, true), (read.Used, read.Spent));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task RecordModificationAsync_LedgerWriteAppliedButItsAnswerLost_CountsOnce_Issue12(bool ledgerExists)
    {
        var tables = LostAnswer.Tables(azurite, out var handler);
        var sut = new TableAuthorizerRegistry(tables, NullLogger<TableAuthorizerRegistry>.Instance);
        var ledgers = new QuotaLedgerService(sut, new ProcessingOptions());
        if (ledgerExists)
        {
            await ledgers.RecordModificationAsync("wxaaaaaaaaaaaaaaa1", T0, CancellationToken.None);
        }

        handler.Armed(request => request.Method != HttpMethod.Get && request.RequestUri!.AbsolutePath.Contains(tables.Authorizers.Name, StringComparison.Ordinal));
        await ledgers.RecordModificationAsync("wxaaaaaaaaaaaaaaa1", T0, CancellationToken.None);

        Assert.Equal(1, handler.Lost);
        var used = (await sut.GetLedgerAsync("wxaaaaaaaaaaaaaaa1", ChinaTime.MonthKey(T0))).Used;
        Assert.True(used == (ledgerExists ? 2 : 1), $"the ledger counts {used} modifications for {(ledgerExists ? 2 : 1)} recorded");
    }

    [Fact]
    public async Task GetLedgerAsync_BadMonth_Throws()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => CreateSut().GetLedgerAsync("wxaaaaaaaaaaaaaaa1", "2025-3"));
    }

    [Fact]
    public async Task CountAsync_MoreThanAThousandAuthorizersChangingStateConcurrently_IsExactPerState_Issue12()
    {
        var sut = CreateSut();
        var appIds = Enumerable.Range(0, 1_200).Select(i => $"wxc{i:D15}").ToList();
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = 16 };
        await Parallel.ForEachAsync(appIds, parallel, async (appId, token) => await sut.TryUpsertAsync(Authorizer(appId), token));

        // 100 lose their authorization (twice over: a replay changes nothing), 40 of those are revoked, 60 others refresh.
        await Parallel.ForEachAsync(appIds.Take(100).Concat(appIds.Take(100)), parallel, async (appId, token) =>
            await sut.TryUpsertAsync(Authorizer(appId) with { State = AuthorizerState.NeedsReauthorization }, token));
        await Parallel.ForEachAsync(appIds.Take(40), parallel, async (appId, token) =>
            await sut.TryUpsertAsync(Authorizer(appId) with { State = AuthorizerState.Revoked }, token));
        await Parallel.ForEachAsync(appIds.Skip(500).Take(60), parallel, async (appId, token) =>
            await sut.TryUpsertAsync(Authorizer(appId) with { LastRefreshAt = T0 }, token));

        var counts = new Dictionary<AuthorizerState, long>();
        foreach (var state in Enum.GetValues<AuthorizerState>())
        {
            counts[state] = await sut.CountAsync(state);
        }

        Assert.Equal(1_100, counts[AuthorizerState.Active]);
        Assert.Equal(60, counts[AuthorizerState.NeedsReauthorization]);
        Assert.Equal(40, counts[AuthorizerState.Revoked]);
    }

    [Fact]
    public async Task ListAsync_StaleIndexRowRemoved_CountFollows()
    {
        var sut = CreateSut();
        await sut.TryUpsertAsync(Authorizer("wxaaaaaaaaaaaaaaa1"));
        await sut.TryUpsertAsync(Authorizer("wxaaaaaaaaaaaaaaa2"));
        await _tables.Authorizers.DeleteEntityAsync("wxaaaaaaaaaaaaaaa2", AuthorizerEntityMapper.RecordRowKey("wxaaaaaaaaaaaaaaa2"));

        var listed = await sut.ListAsync(AuthorizerState.Active, 10, null);

        Assert.Equal(["wxaaaaaaaaaaaaaaa1"], listed.Items.Select(r => r.AppId));
        Assert.Equal(1, await sut.CountAsync(AuthorizerState.Active));
    }

    [Fact]
    public async Task ImportAsync_NewAuthorizers_CountedListedAndIndexedLikeUpserts()
    {
        var sut = CreateSut();
        var existing = (await sut.TryUpsertAsync(Authorizer("wxbbbbbbbbbbbb0000") with { AccessTokenExpiresAt = T0.AddHours(2) }))!;
        var records = Enumerable.Range(1, 250)
            .Select(i => Authorizer($"wxbbbbbbbbbbbb{i:D4}") with
            {
                AccessTokenExpiresAt = T0.AddMinutes(30 + i),
                ServerDomains = """{"requestdomain":["https://api.example.com"]}""",
                WebviewDomains = """["https://h5.example.com"]""",
                DomainsObservedAt = T0,
            })
            .Append(existing with { ETag = null, LastRefreshAt = T0 })
            .ToList();

        var inserted = await sut.ImportAsync(records);

        var listed = new List<string>();
        string? continuation = null;
        do
        {
            var page = await sut.ListAsync(AuthorizerState.Active, 100, continuation);
            listed.AddRange(page.Items.Select(r => r.AppId));
            continuation = page.Continuation;
        }
        while (continuation is not null);

        var due = await sut.ListDueAsync(T0.AddHours(5), 1000, null);
        Assert.Equal(250, inserted);
        Assert.Equal(251, await sut.CountAsync(AuthorizerState.Active));
        Assert.Equal(records.Select(r => r.AppId).Order(StringComparer.Ordinal), listed);
        Assert.Equal(251, due.Items.Count);
        Assert.Equal(T0.AddMinutes(31), await sut.GetSoonestExpiryAsync());
        Assert.Null((await sut.GetAsync(existing.AppId))!.LastRefreshAt);
        Assert.Equivalent(records[6], (await sut.GetAsync(records[6].AppId))! with { ETag = null }, strict: true);
    }

    private static AuthorizerRecord Authorizer(string appId) => new() { AppId = appId, State = AuthorizerState.Active, AuthorizedAt = T0 };

    private TableAuthorizerRegistry CreateSut() => new(_tables, NullLogger<TableAuthorizerRegistry>.Instance);
}
