namespace WeChatDomains.Host.Tests.Api;

/// <summary>Issue 14: the dashboard shows the platform's registration (published and testing) from its platform-level commands.</summary>
public sealed class PlatformDashboardTests : IDisposable
{
    private readonly HostFactory _factory = new();

    public void Dispose() => _factory.Dispose();

    [Fact]
    public async Task Dashboard_HasThePlatformRegistrationSection()
    {
        using var client = _factory.CreateClient();

        var html = await client.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("id=\"platform-title\">Platform registration<", html, StringComparison.Ordinal);
        Assert.Contains("<dl id=\"platform\">", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DashboardScript_ReadsThePlatformLaneAndBothPlatformLists()
    {
        using var client = _factory.CreateClient();

        var script = await client.GetStringAsync(new Uri("/dashboard.js", UriKind.Relative));

        Assert.Contains("\"/api/commands?authorizer=\" + platformKey", script, StringComparison.Ordinal);
        Assert.Contains("\"modify_wxa_server_domain\"", script, StringComparison.Ordinal);
        Assert.Contains("\"modify_wxa_jump_domain\"", script, StringComparison.Ordinal);
        Assert.Contains("(published)", script, StringComparison.Ordinal);
        Assert.Contains("(testing)", script, StringComparison.Ordinal);
    }
}
