using System.Net;
using Microsoft.Playwright;
using WeChatDomains.Sandbox;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Testing;
using static Microsoft.Playwright.Assertions;

namespace WeChatDomains.EndToEnd.Tests.Browser;

/// <summary>
/// The dashboard in a real browser (Debian's chromium through Playwright) against the Host with Azurite and the sandbox:
/// the key prompt, the recent commands with their states and the attempts of a selected row, health, failures and
/// deferred commands. Each assertion reads what a person sees, so a view that breaks fails its test.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class DashboardTests(AzuriteFixture azurite) : IAsyncLifetime
{
    /// <summary>Set to 1 to write the screenshot to docs/dashboard.png as well as to the test output folder.</summary>
    public const string UpdateDocsVariable = "WECHATDOMAINS_UPDATE_SCREENSHOT";

    private const string AppId = SandboxSeed.MiniProgramAppId;
    private LocalSystem _system = null!;
    private IPlaywright _playwright = null!;
    private IBrowser _browser = null!;
    private DashboardPage _dashboard = null!;

    public async Task InitializeAsync()
    {
        _system = await LocalSystem.StartAsync(azurite);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = SystemChromium.ExecutablePath, Headless = true });
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "en-GB", TimezoneId = "Asia/Shanghai" });
        _dashboard = new DashboardPage(await context.NewPageAsync());
    }

    public async Task DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
        await _system.DisposeAsync();
    }

    [BrowserFact]
    public async Task KeyPrompt_WrongKeyThenForgetThenRightKey_StatusFollowsTheKey()
    {
        await _dashboard.OpenAsync(_system.HostAddress);
        var prompt = _dashboard.KeyPrompt;
        await Expect(prompt.Form).ToBeVisibleAsync();
        await Expect(_dashboard.Status).ToHaveTextAsync("Enter the API key to see the status.");

        await prompt.EnterAsync("wrong-key");
        await Expect(_dashboard.Status).ToHaveTextAsync("The API key was refused. Enter it again.");
        await Expect(_dashboard.Status).ToHaveClassAsync("bad");
        await Expect(prompt.Form).ToBeHiddenAsync();

        await prompt.ForgetButton.ClickAsync();
        await Expect(_dashboard.Status).ToHaveTextAsync("Key forgotten.");
        await Expect(prompt.Form).ToBeVisibleAsync();
        Assert.Null(await _dashboard.Page.EvaluateAsync<string?>("sessionStorage.getItem('wechatdomains-api-key')"));

        await prompt.EnterAsync(LocalSystem.Key);
        await Expect(_dashboard.Status).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^Updated "));
        await Expect(prompt.KeySet).ToBeVisibleAsync();
        await Expect(_dashboard.Health.Value("Healthy")).Not.ToBeEmptyAsync();
    }

    [BrowserFact]
    public async Task RecentCommands_SucceededAndFailed_StatesShownAndSelectedRowShowsItsAttempts()
    {
        await SucceededThenFailedAsync("ui-succeeded", "ui-failed");

        await OpenWatchingAsync();
        var recent = _dashboard.Recent;

        await Expect(await recent.CellAsync("ui-succeeded", "State")).ToHaveTextAsync("Succeeded");
        await Expect(await recent.CellAsync("ui-succeeded", "State")).ToHaveClassAsync("good");
        await Expect(await recent.CellAsync("ui-failed", "State")).ToHaveTextAsync("Failed");
        await Expect(await recent.CellAsync("ui-failed", "State")).ToHaveClassAsync("bad");
        await Expect(await recent.CellAsync("ui-failed", "errcode")).ToHaveTextAsync("85015");

        await recent.Row("ui-failed").ClickAsync();

        var command = _dashboard.Command;
        await Expect(command.Section).ToBeVisibleAsync();
        await Expect(command.Title).ToHaveTextAsync("Command ui-failed");
        await Expect(command.Details.Value("State")).ToHaveTextAsync("Failed");
        await Expect(command.Details.Value("Class")).ToHaveTextAsync("InvalidRequest");
        await Expect(command.Attempts.Rows).ToHaveCountAsync(1);
        await Expect(await command.Attempts.CellAsync("1", "errcode")).ToHaveTextAsync("85015");
        await Expect(await command.Attempts.CellAsync("1", "HTTP")).ToHaveTextAsync("200");
    }

    [BrowserFact]
    public async Task HealthFailuresDeferred_OneFailedOneDeferred_ListedWithErrcodeAndCounted()
    {
        await SucceededThenFailedAsync("ui-ok", "ui-invalid");
        await FailNextAsync("get_effective_domain", 45011);
        await RunAsync(new { commandId = "ui-rate-limited", api = "get_effective_domain", authorizerAppId = AppId, body = new { } });

        await OpenWatchingAsync();

        var health = _dashboard.Health;
        await Expect(health.Value("Active authorizers")).ToHaveTextAsync("1");
        await Expect(health.Value("Failed commands")).ToHaveTextAsync("1");
        await Expect(health.Value("Failed commands")).ToHaveClassAsync("bad");
        await Expect(health.Value("Deferred commands")).ToHaveTextAsync("1");
        var failures = _dashboard.Failures;
        await Expect(failures.Rows).ToHaveCountAsync(1);
        await Expect(await failures.CellAsync("ui-invalid", "errcode")).ToHaveTextAsync("85015");
        await Expect(await failures.CellAsync("ui-invalid", "Class")).ToHaveTextAsync("InvalidRequest");
        var deferred = _dashboard.Deferred;
        await Expect(deferred.Rows).ToHaveCountAsync(1);
        await Expect(await deferred.CellAsync("ui-rate-limited", "errcode")).ToHaveTextAsync("45011");
        await Expect(await deferred.CellAsync("ui-rate-limited", "Class")).ToHaveTextAsync("RateLimited");
        await Expect(await deferred.CellAsync("ui-rate-limited", "Next attempt")).Not.ToBeEmptyAsync();

        await failures.Row("ui-invalid").ClickAsync();
        await Expect(_dashboard.Command.Title).ToHaveTextAsync("Command ui-invalid");
        await ScreenshotAsync();
    }

    /// <summary>The whole page as docs/local-run.md shows it (written to docs/ only when <see cref="UpdateDocsVariable"/> is 1).</summary>
    private async Task ScreenshotAsync()
    {
        await _dashboard.Page.EvaluateAsync("window.scrollTo(0, 0)");
        var output = Path.Combine(AppContext.BaseDirectory, "dashboard.png");
        await _dashboard.Page.ScreenshotAsync(new() { Path = output, FullPage = true });
        Assert.True(new FileInfo(output).Length > 10_000, $"the screenshot at {output} is {new FileInfo(output).Length} bytes");
        if (Environment.GetEnvironmentVariable(UpdateDocsVariable) == "1")
        {
            File.Copy(output, Path.Combine(RepositoryPaths.Root, "docs", "dashboard.png"), overwrite: true);
        }
    }

    /// <summary>Onboards the authorizer, then one modify_domain succeeds and the next fails with 85015 (InvalidRequest).</summary>
    private async Task SucceededThenFailedAsync(string succeeded, string failed)
    {
        await _system.OnboardAsync(AppId);
        await RunAsync(Commands.AddRequestDomain(succeeded));
        await FailNextAsync("modify_domain", 85015);
        await RunAsync(Commands.AddRequestDomain(failed));
    }

    /// <summary>Opens the dashboard with run-local.sh's kind of link: the key and the authorizer to watch in the fragment.</summary>
    private Task OpenWatchingAsync() => _dashboard.OpenAsync(_system.HostAddress, $"key={LocalSystem.Key}&authorizers={AppId}");

    private async Task RunAsync(object command)
    {
        var commandId = (string)command.GetType().GetProperty("commandId")!.GetValue(command)!;
        using var response = await _system.SubmitAsync(command);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await _system.WaitForEndAsync(commandId);
    }

    private Task FailNextAsync(string api, int errcode) =>
        _system.Sandbox.SetFaultsAsync(new FaultSettings { Seed = 1, Apis = { [api] = new ApiFaults { Errcodes = { [errcode] = 1.0 } } } });
}
