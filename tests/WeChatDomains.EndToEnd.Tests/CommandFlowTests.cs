using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using WeChatDomains.Sandbox;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Testing;

namespace WeChatDomains.EndToEnd.Tests;

/// <summary>Commands through the whole system: submitted over HTTP, processed by the Host against the sandbox, polled to their end.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class CommandFlowTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private LocalSystem _system = null!;

    public async Task InitializeAsync() => _system = await LocalSystem.StartAsync(azurite);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task SubmitCommand_ValidModifyDomain_SucceedsAndTheSandboxHasTheDomain()
    {
        await _system.OnboardAsync(SandboxSeed.MiniProgramAppId);

        using var response = await _system.SubmitAsync(Commands.AddRequestDomain("e2e-success"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var submitted = await response.Content.ReadFromJsonAsync<SubmittedView>();
        Assert.Equal("/api/commands/e2e-success", submitted!.StatusUrl);
        var end = await _system.WaitForEndAsync("e2e-success");
        Assert.Equal("Succeeded", end.State);
        var authorizer = await _system.Sandbox.GetAuthorizerAsync(SandboxSeed.MiniProgramAppId);
        Assert.Contains("https://api.example.com", authorizer.Domains.Third.RequestDomain);
        Assert.Equal(1, authorizer.AppliedModifications);
    }

    [Fact]
    public async Task SubmitCommand_Invalid_400WithEveryReasonAndNothingEnqueuedOrCalled()
    {
        await _system.OnboardAsync(SandboxSeed.MiniProgramAppId);
        var command = new
        {
            commandId = "e2e-rejected",
            api = "modify_domain",
            authorizerAppId = SandboxSeed.MiniProgramAppId,
            body = new { action = "add", requestdomain = new[] { "http://api.example.com", "https://10.0.0.1" }, colour = "blue" },
        };

        using var response = await _system.SubmitAsync(command);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<ProblemView>();
        Assert.Equal(["body.colour", "body.requestdomain[0]", "body.requestdomain[1]"], problem!.Errors!.Select(e => e.Path).Order(StringComparer.Ordinal));
        Assert.Equal(0, await _system.QueuedMessagesAsync());
        Assert.DoesNotContain(_system.Logs.GetSnapshot(), r => r.Id.Id == EnqueuedEventId && r.Message.Contains("e2e-rejected", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.NotFound, (await _system.Api.GetAsync("api/commands/e2e-rejected")).StatusCode);
        Assert.Equal(0, (await _system.Sandbox.GetCallsAsync()).GetValueOrDefault("modify_domain"));
    }

    [Fact]
    public async Task SubmitCommand_TransientFaults_RecoveredAndAppliedOnce()
    {
        await _system.OnboardAsync(SandboxSeed.MiniProgramAppId);
        await _system.Sandbox.SetFaultsAsync(new FaultSettings
        {
            Seed = 1,
            Apis = { ["modify_domain"] = new ApiFaults { Errcodes = { [-1] = 0.5 }, Http5xx = 0.3 } },
        });

        using var response = await _system.SubmitAsync(Commands.AddRequestDomain("e2e-transient"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var end = await _system.WaitForFinalAsync("e2e-transient");
        Assert.Equal("Succeeded", end.State);
        Assert.True((await _system.Sandbox.GetCallsAsync())["modify_domain"] > 1, "the faults were not hit: nothing was retried");
        Assert.Equal(1, (await _system.Sandbox.GetAuthorizerAsync(SandboxSeed.MiniProgramAppId)).AppliedModifications);
    }

    [Fact]
    public async Task SubmitCommand_AuthorizerOverMonthlyQuota_Deferred86102ToTheFirstOfNextMonthCst()
    {
        await SetSandboxModificationsAsync(SandboxSeed.NoIcpAppId, 50);
        await _system.OnboardAsync(SandboxSeed.NoIcpAppId);

        using var response = await _system.SubmitAsync(Commands.AddRequestDomain("e2e-quota", SandboxSeed.NoIcpAppId));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var end = await _system.WaitForEndAsync("e2e-quota");
        Assert.Equal(("Deferred", 86102, "MonthlyQuota"), (end.State, end.LastErrorCode, end.ErrorClass));
        var cst = TimeProvider.System.GetUtcNow().ToOffset(TimeSpan.FromHours(8));
        var nextMonth = new DateTimeOffset(cst.Year, cst.Month, 1, 0, 0, 0, TimeSpan.FromHours(8)).AddMonths(1);
        Assert.InRange(end.NextAttemptAt!.Value, nextMonth, nextMonth.AddHours(1));
        Assert.Equal(0, (await _system.Sandbox.GetAuthorizerAsync(SandboxSeed.NoIcpAppId)).AppliedModifications);
    }

    [Fact]
    public async Task SubmitCommand_TicketRefusedOnce_DeferredThenReleasedByTheTimerAndSucceeds()
    {
        await _system.OnboardAsync(SandboxSeed.MiniProgramAppId);
        await _system.Sandbox.SetFaultsAsync(new FaultSettings { Apis = { ["modify_domain"] = new ApiFaults { Errcodes = { [61006] = 1.0 } } } });

        using var response = await _system.SubmitAsync(Commands.AddRequestDomain("e2e-deferred"));
        var deferred = await _system.WaitForEndAsync("e2e-deferred");
        await _system.Sandbox.ClearFaultsAsync();

        Assert.Equal(("Deferred", 61006), (deferred.State, deferred.LastErrorCode));
        var end = await Eventually.ValueAsync(
            async () => await _system.Api.GetFromJsonAsync<CommandView>("api/commands/e2e-deferred") is { State: "Succeeded" } done ? done : null,
            "the release timer brings the Deferred command back and it succeeds");
        Assert.True(end.Attempts >= 2, $"attempts: {end.Attempts}");
        Assert.Equal(1, (await _system.Sandbox.GetAuthorizerAsync(SandboxSeed.MiniProgramAppId)).AppliedModifications);
    }

    [Fact]
    public async Task SubmitCommand_SameCommandIdThreeTimes_AppliedOnce()
    {
        await _system.OnboardAsync(SandboxSeed.MiniProgramAppId);
        var command = Commands.AddRequestDomain("e2e-duplicate");

        using var first = await _system.SubmitAsync(command);
        using var second = await _system.SubmitAsync(command);
        await _system.WaitForEndAsync("e2e-duplicate");
        using var third = await _system.SubmitAsync(command);

        Assert.All(new[] { first, second, third }, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.False((await third.Content.ReadFromJsonAsync<SubmittedView>())!.Enqueued);
        await Eventually.TrueAsync(async () => await _system.QueuedMessagesAsync() == 0, "every copy of the message is settled");
        var end = await _system.WaitForEndAsync("e2e-duplicate");
        Assert.Equal(("Succeeded", 1), (end.State, end.Attempts));
        Assert.Equal(1, (await _system.Sandbox.GetAuthorizerAsync(SandboxSeed.MiniProgramAppId)).AppliedModifications);
        Assert.Equal(1, (await _system.Sandbox.GetCallsAsync())["modify_domain"]);
    }

    /// <summary>Event id of StorageQueueCommandSender's "enqueued" line.</summary>
    private const int EnqueuedEventId = 4005;

    private async Task SetSandboxModificationsAsync(string appId, int count)
    {
        var authorizer = (await _system.Sandbox.Admin.GetFromJsonAsync<JsonObject>($"sandbox/authorizers/{appId}"))!;
        authorizer["modificationsThisMonth"] = count;
        (await _system.Sandbox.Admin.PutAsJsonAsync($"sandbox/authorizers/{appId}", authorizer)).EnsureSuccessStatusCode();
    }
}
