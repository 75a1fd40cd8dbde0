using WeChatDomains.Bench.Infra;

namespace WeChatDomains.Bench.Drills;

/// <summary>What the token drill saw: every authorizer checked against the sandbox, the faults, kills and pushes.</summary>
internal sealed record TokenDrillResult(
    int Authorizers, double VaultFaultRate, IReadOnlyList<AuthorizerCheck> Checks, IReadOnlyList<int> KilledAfterRefreshes, long PushesResent,
    int LogLines, IReadOnlyList<string> Leaks, TimeSpan Onboarding, TimeSpan Took)
{
    /// <summary>Where the Host's whole log was written.</summary>
    public string LogFile { get; init; } = string.Empty;

    public IReadOnlyDictionary<string, int> VaultFaults { get; init; } = new Dictionary<string, int>();

    public int VaultWriteRetries { get; init; }

    public int Refreshes { get; init; }

    public int MarkedNeedsReauthorization { get; init; }

    public int OutOfOrderIgnored { get; init; }

    public int DuplicatesIgnored { get; init; }

    public int RecoveredFromList { get; init; }

    public IReadOnlyList<AuthorizerCheck> WronglyRevoked => [.. Checks.Where(c => c.WronglyRevoked)];

    public IReadOnlyList<AuthorizerCheck> NotRevoked => [.. Checks.Where(c => c.NotRevoked)];

    public IReadOnlyList<AuthorizerCheck> Lost => [.. Checks.Where(c => c.Lost)];

    public IReadOnlyList<AuthorizerCheck> SecretsLeftBehind => [.. Checks.Where(c => c.SecretLeftBehind)];

    public int ExpectedActive => Checks.Count(c => c.ExpectActive);

    public int Active => Checks.Count(c => c.ExpectActive && c.State == Core.Status.AuthorizerState.Active);

    public int Working => Checks.Count(c => c.ExpectActive && !c.Lost);

    public void Print()
    {
        Figures.Print($"tokens: {Authorizers} authorizers in {Figures.F(Took.TotalSeconds)} s (onboarding {Figures.F(Onboarding.TotalSeconds)} s), vault faults on {VaultFaultRate:P0} of writes, Host SIGKILLed {KilledAfterRefreshes.Count} times mid-refresh");
        Figures.Print($"  vault faults injected: {(VaultFaults.Count == 0 ? "none" : string.Join(", ", VaultFaults.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key} {f.Value}")))}; issued-token writes retried: {VaultWriteRetries}");
        Figures.Print($"  kills: each during a sweep that had refreshed {string.Join(", ", KilledAfterRefreshes)} tokens; authorizer tokens refreshed in all: {Refreshes}");
        Figures.Print($"  pushes sent again after a failed delivery: {PushesResent}; ignored as older than the recorded event: {OutOfOrderIgnored}; ignored as duplicates: {DuplicatesIgnored}; refresh tokens read back from api_get_authorizer_list: {RecoveredFromList}; marked NeedsReauthorization along the way: {MarkedNeedsReauthorization}");
        for (var g = 0; g < TokenDrill.Groups.Length; g++)
        {
            var group = Checks.Where(c => c.Group == g).ToList();
            var states = string.Join(", ", group.GroupBy(c => c.State?.ToString() ?? "none").OrderBy(s => s.Key, StringComparer.Ordinal).Select(s => $"{s.Key} {s.Count()}"));
            Figures.Print($"  group {g}, {TokenDrill.Groups[g]}: {group.Count} authorizers, Host states: {states}");
        }

        Figures.Print($"  expected Active {ExpectedActive}: Active {Active}, with a working refresh token in the vault (current, api_authorizer_token answers 0) {Working}");
        Figures.Print($"  wrongly revoked: {WronglyRevoked.Count}; lost refresh tokens: {Lost.Count}; revoked but still Active: {NotRevoked.Count}; revoked with the refresh token left in the vault: {SecretsLeftBehind.Count}");
        foreach (var check in WronglyRevoked.Concat(Lost).Concat(NotRevoked).Distinct().Take(10))
        {
            Figures.Print("    " + check.Describe());
        }

        Figures.Print($"  log lines scanned: {LogLines}; lines with a secret: {Leaks.Count} (the Host's whole log: {LogFile})");
        foreach (var leak in Leaks.Take(5))
        {
            Figures.Print("    " + leak);
        }
    }
}
