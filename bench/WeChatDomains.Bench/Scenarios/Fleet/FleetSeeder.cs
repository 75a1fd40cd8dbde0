using System.Net.Http.Json;
using Microsoft.AspNetCore.DataProtection;
using WeChatDomains.Azure.Vault;
using WeChatDomains.Bench.Infra;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.Sandbox.Admin;

namespace WeChatDomains.Bench.Scenarios.Fleet;

/// <summary>What seeding made: the appids in order, which of them already hold v2, and how long each part took.</summary>
internal sealed record FleetSeed(IReadOnlyList<string> AppIds, IReadOnlySet<string> Matching, TimeSpan Sandbox, TimeSpan Vault, TimeSpan Registry);

/// <summary>
/// Puts N authorizers in place as if each had authorized the platform and been read once, without N pushes (each push
/// costs an api_query_auth call, two rate-limited vault writes and a registry upsert of about eleven storage operations):
/// <list type="number">
/// <item>the sandbox: each authorizer through its admin route (<c>PUT /sandbox/authorizers/{appid}</c>) holding v1's
/// domains (every <c>matchEvery</c>-th one v2's), and an access token minted by the sandbox for it
/// (<c>POST /sandbox/authorizers/{appid}/token</c>);</item>
/// <item>the Host's vault: that access token (with its expiry) and the refresh token, written with the same
/// <see cref="DataProtectionFileVault"/> and key ring folder the Host uses;</item>
/// <item>the registry: one Active record per authorizer with those domains as last read, through
/// <see cref="Azure.Authorizers.TableAuthorizerRegistry.ImportAsync"/> (a record insert each; index rows and counts in
/// batches).</item>
/// </list>
/// The Host then serves tokens from its vault and plans from the registry as it would after real onboarding.
/// </summary>
internal static class FleetSeeder
{
    private const int Parallelism = 16;

    public static async Task<FleetSeed> SeedAsync(BenchWorld world, int count, int matchEvery)
    {
        await PreparePlatformAsync(world);
        await world.PushTicketAsync();

        var appIds = Enumerable.Range(0, count).Select(BenchWorld.AppIdOf).ToArray();
        var matching = appIds.Where((_, i) => matchEvery > 0 && i % matchEvery == matchEvery - 1).ToHashSet(StringComparer.Ordinal);
        var started = TimeProvider.System.GetTimestamp();
        var issued = new (string Token, string RefreshToken, DateTimeOffset ExpiresAt)[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, ct) =>
        {
            var domains = matching.Contains(appIds[i]) ? FleetProfiles.V2 : FleetProfiles.V1;
            var model = new AuthorizerModel
            {
                IcpHosts = ["example.com"],
                Domains = new DomainSourcesModel { Third = domains.SandboxServer() },
                WebviewDomains = new WebviewSourcesModel { Third = [domains.Webview] },
            };
            using var put = await world.Sandbox.Admin.PutAsJsonAsync($"sandbox/authorizers/{appIds[i]}", model, ct);
            put.EnsureSuccessStatusCode();
            var stored = (await put.Content.ReadFromJsonAsync<AuthorizerModel>(ct))!;
            using var mint = await world.Sandbox.Admin.PostAsync(new Uri($"sandbox/authorizers/{appIds[i]}/token", UriKind.Relative), null, ct);
            mint.EnsureSuccessStatusCode();
            var token = (await mint.Content.ReadFromJsonAsync<MintedToken>(ct))!;
            issued[i] = (token.AccessToken, stored.RefreshToken!, TimeProvider.System.GetUtcNow().AddSeconds(token.ExpiresIn));
        });
        var sandbox = TimeProvider.System.GetElapsedTime(started);

        started = TimeProvider.System.GetTimestamp();
        var folder = new DirectoryInfo(world.Settings.VaultFolder);
        var vault = new DataProtectionFileVault(DataProtectionProvider.Create(new DirectoryInfo(Path.Combine(folder.FullName, "keys"))), folder, TimeProvider.System);
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Parallelism }, async (i, ct) =>
        {
            await vault.SetAsync(SecretNames.AuthorizerAccessToken(appIds[i]), issued[i].Token, issued[i].ExpiresAt, ct);
            await vault.SetAsync(SecretNames.AuthorizerRefreshToken(appIds[i]), issued[i].RefreshToken, null, ct);
        });
        var vaultTime = TimeProvider.System.GetElapsedTime(started);

        started = TimeProvider.System.GetTimestamp();
        var now = TimeProvider.System.GetUtcNow();
        var records = appIds.Select((appId, i) =>
        {
            var domains = matching.Contains(appId) ? FleetProfiles.V2 : FleetProfiles.V1;
            return new AuthorizerRecord
            {
                AppId = appId,
                State = AuthorizerState.Active,
                AccessTokenExpiresAt = issued[i].ExpiresAt,
                LastRefreshAt = now,
                LastRefreshErrorCode = 0,
                AuthorizedAt = now,
                LastAuthorizationEventAt = now,
                // As a get records them: the effective view and each source apart (the planner reads the sources).
                ServerDomains = domains.RegistryServerJson(),
                WebviewDomains = domains.RegistryWebviewJson(),
                ThirdServerDomains = domains.RegistryServerJson(),
                ThirdWebviewDomains = domains.RegistryWebviewJson(),
                MpServerDomains = FleetDomains.EmptyServerJson,
                MpWebviewDomains = FleetDomains.EmptyWebviewJson,
                DirectServerDomains = FleetDomains.EmptyServerJson,
                DirectWebviewDomains = FleetDomains.EmptyWebviewJson,
                DomainsObservedAt = now,
            };
        }).ToList();
        var inserted = await world.Registry.ImportAsync(records);
        if (inserted != count)
        {
            throw new InvalidOperationException($"The registry import inserted {inserted} of {count} authorizers.");
        }

        return new FleetSeed(appIds, matching, sandbox, vaultTime, TimeProvider.System.GetElapsedTime(started));
    }

    /// <summary>
    /// The platform has v1's hosts registered (server and business domains) and v2's business host verified (its
    /// confirm file in place); the rollout's platform tier adds v2's hosts.
    /// </summary>
    private static async Task PreparePlatformAsync(BenchWorld world)
    {
        var platform = await world.Sandbox.GetPlatformAsync();
        await world.Sandbox.PutPlatformAsync(new PlatformModel
        {
            AppId = platform.AppId,
            Secret = platform.Secret,
            Token = platform.Token,
            EncodingAesKey = platform.EncodingAesKey,
            Published = true,
            ServerDomains = [.. platform.ServerDomains, FleetProfiles.V1.ApiHost],
            JumpDomains = new JumpDomainsModel
            {
                Testing = [.. platform.JumpDomains.Testing, FleetProfiles.V1.H5Host],
                Published = [.. platform.JumpDomains.Published, FleetProfiles.V1.H5Host],
            },
            VerifiedHosts = [.. platform.VerifiedHosts, FleetProfiles.V1.H5Host, FleetProfiles.V2.H5Host],
        });
    }
}
