using Microsoft.Playwright;

namespace WeChatDomains.EndToEnd.Tests.Browser;

/// <summary>The domain profiles with their plan totals, and the authorizers each plan finds lacking quota.</summary>
internal sealed class ProfilesView(IPage page)
{
    public TableView Table { get; } = new(page.Locator("#profiles"));

    public DefinitionsView LackingQuota { get; } = new(page.Locator("#lacking-quota"));
}

/// <summary>The rollouts: state, waves, counts per state, failures by errcode, and the pause/resume/abort buttons.</summary>
internal sealed class RolloutsView(IPage page)
{
    public TableView Table { get; } = new(page.Locator("#rollouts"));

    /// <summary>The stages listed in the rollout's Waves cell (platform tier, canary, each wave).</summary>
    public async Task<ILocator> WavesAsync(string rolloutId) => (await Table.CellAsync(rolloutId, "Waves")).Locator("li");

    /// <summary>The stage marked as the one under way.</summary>
    public async Task<ILocator> CurrentWaveAsync(string rolloutId) => (await Table.CellAsync(rolloutId, "Waves")).Locator("li[aria-current=step]");

    /// <summary>A button of the rollout's row: Pause, Resume or Abort.</summary>
    public ILocator Button(string rolloutId, string label) =>
        Table.Row(rolloutId).GetByRole(AriaRole.Button, new() { Name = $"{label} rollout {rolloutId}", Exact = true });
}

/// <summary>The drift list and its scan button.</summary>
internal sealed class DriftView(IPage page)
{
    public TableView Table { get; } = new(page.Locator("#drift"));

    public ILocator ScanButton => page.Locator("#drift-scan");

    public ILocator ScanResult => page.Locator("#drift-scan-result");
}
