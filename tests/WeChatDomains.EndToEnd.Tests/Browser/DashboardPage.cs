using Microsoft.Playwright;

namespace WeChatDomains.EndToEnd.Tests.Browser;

/// <summary>
/// The dashboard at <c>/</c>, one page object per view, selected by the ids of <c>wwwroot/index.html</c>. Each view
/// has its own object and its own tests.
/// </summary>
internal sealed class DashboardPage(IPage page)
{
    public IPage Page => page;

    public KeyPromptView KeyPrompt { get; } = new(page);

    /// <summary>The status line (<c>Updated …</c>, or what went wrong).</summary>
    public ILocator Status => page.Locator("#status");

    public TableView Recent { get; } = new(page.Locator("#recent"));

    public DefinitionsView Health { get; } = new(page.Locator("#health"));

    public TableView Failures { get; } = new(page.Locator("#failed"));

    public TableView Deferred { get; } = new(page.Locator("#deferred"));

    public CommandView Command { get; } = new(page);

    public ProfilesView Profiles { get; } = new(page);

    public RolloutsView Rollouts { get; } = new(page);

    public DriftView Drift { get; } = new(page);

    public AuthorizerView Authorizer { get; } = new(page);

    /// <summary>Opens the dashboard; a fragment may carry <c>key=</c> and <c>authorizers=</c> as run-local.sh's link does.</summary>
    public async Task OpenAsync(Uri host, string? fragment = null)
    {
        var response = await page.GotoAsync(new Uri(host, fragment is null ? "/" : "/#" + fragment).ToString());
        Assert.True(response is { Ok: true }, $"GET / answered HTTP {response?.Status}");
    }
}

/// <summary>The API key prompt and the forget-key button.</summary>
internal sealed class KeyPromptView(IPage page)
{
    public ILocator Form => page.Locator("#key-form");

    public ILocator KeyInput => page.Locator("#key");

    public ILocator KeySet => page.Locator("#key-set");

    public ILocator ForgetButton => page.Locator("#forget-key");

    public async Task EnterAsync(string key)
    {
        await KeyInput.FillAsync(key);
        await Form.GetByRole(AriaRole.Button, new() { Name = "Use key" }).ClickAsync();
    }
}

/// <summary>The authorizer looked up by appid: its details (state, quota, profile).</summary>
internal sealed class AuthorizerView(IPage page)
{
    public DefinitionsView Details { get; } = new(page.Locator("#authorizer"));

    public async Task ShowAsync(string appId)
    {
        await page.Locator("#appid").FillAsync(appId);
        await page.Locator("#authorizer-form").GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
    }
}

/// <summary>The selected command: its details and its attempts.</summary>
internal sealed class CommandView(IPage page)
{
    public ILocator Section => page.Locator("#command-section");

    public ILocator Title => page.Locator("#command-title");

    public DefinitionsView Details { get; } = new(page.Locator("#command"));

    public TableView Attempts { get; } = new(page.Locator("#attempts"));
}
