using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using WeChatDomains.Core.Ports;
using WeChatDomains.Sandbox;
using WeChatDomains.Testing;

namespace WeChatDomains.EndToEnd.Tests;

/// <summary>What the system refuses, and what it never writes down.</summary>
[Collection(AzuriteCollection.Name)]
public sealed partial class GuardTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private LocalSystem _system = null!;

    public async Task InitializeAsync() => _system = await LocalSystem.StartAsync(azurite);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task WeChatEvents_PushWithABadSignature_401AndNothingStored()
    {
        await using var recorder = await SandboxPushRecorder.StartAsync();
        using var pushed = await _system.Sandbox.Admin.PostAsync(
            "sandbox/push-ticket", JsonContent(new { url = recorder.Url.ToString() }));
        pushed.EnsureSuccessStatusCode();
        var push = Assert.Single(recorder.Pushes);
        var query = push.Query.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
        query["msg_signature"] = Tamper(query["msg_signature"]);

        using var response = await _system.Anonymous.PostAsync(
            "api/wechat/events" + QueryString(query), new StringContent(push.Body, Encoding.UTF8, "text/xml"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Null(await _system.Vault.GetAsync(SecretNames.ComponentVerifyTicket));
        Assert.Equal(0, (await _system.Sandbox.GetCallsAsync()).GetValueOrDefault("api_component_token"));
    }

    [Fact]
    public async Task Api_RequestsWithoutTheKey_401AndNothingEnqueued()
    {
        using var get = await _system.Anonymous.GetAsync("api/commands/e2e-nokey");
        using var post = await _system.Anonymous.PostAsync("api/commands", JsonContent(Commands.AddRequestDomain("e2e-nokey")));
        _system.Anonymous.DefaultRequestHeaders.Add("x-functions-key", "not-the-key");
        using var wrongKey = await _system.Anonymous.PostAsync("api/commands", JsonContent(Commands.AddRequestDomain("e2e-nokey")));

        Assert.Equal([HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized], new[] { get.StatusCode, post.StatusCode, wrongKey.StatusCode });
        Assert.Equal(0, await _system.QueuedMessagesAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await _system.Api.GetAsync("api/commands/e2e-nokey")).StatusCode);
    }

    [Fact]
    public async Task HostLogs_OnboardingAndACommand_HoldNoTokenTicketOrSecret()
    {
        await _system.OnboardAsync(SandboxSeed.MiniProgramAppId);
        using var response = await _system.SubmitAsync(Commands.AddRequestDomain("e2e-logs"));
        Assert.Equal("Succeeded", (await _system.WaitForEndAsync("e2e-logs")).State);
        var stored = new[]
        {
            SecretNames.ComponentVerifyTicket,
            SecretNames.ComponentAccessToken,
            SecretNames.AuthorizerAccessToken(SandboxSeed.MiniProgramAppId),
            SecretNames.AuthorizerRefreshToken(SandboxSeed.MiniProgramAppId),
        };
        var secrets = new List<string> { SandboxSeed.PlatformSecret, SandboxSeed.PlatformToken, SandboxSeed.EncodingAesKey };
        foreach (var name in stored)
        {
            secrets.Add((await _system.Vault.GetAsync(name))?.Value ?? throw new InvalidOperationException($"the Host stored no {name}"));
        }

        var lines = _system.Logs.GetSnapshot().Select(r => r.Message + " " + r.Exception).ToList();

        Assert.Contains(lines, l => l.Contains("access_token=***", StringComparison.Ordinal));
        Assert.All(lines, line =>
        {
            Assert.DoesNotMatch(UnredactedToken(), line);
            Assert.DoesNotContain(secrets, s => line.Contains(s, StringComparison.Ordinal));
        });
    }

    private static string Tamper(string signature) => (signature[0] == 'a' ? "b" : "a") + signature[1..];

    private static string QueryString(IReadOnlyDictionary<string, string> query) =>
        "?" + string.Join("&", query.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));

    private static StringContent JsonContent(object value) =>
        new(System.Text.Json.JsonSerializer.Serialize(value), Encoding.UTF8, "application/json");

    [GeneratedRegex(@"access_token=(?!\*\*\*)[^&\s]")]
    private static partial Regex UnredactedToken();
}
