using WeChatDomains.Client;
using WeChatDomains.Core.Tests.Commands;
using WeChatDomains.Sandbox;
using WeChatDomains.Testing;

namespace WeChatDomains.EndToEnd.Tests.Client;

/// <summary>The client package against the Host over HTTP (Azurite, the sandbox): submit, follow, list, and every refusal typed.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class HttpCommandClientTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);
    private LocalSystem _system = null!;

    public async Task InitializeAsync() => _system = await LocalSystem.StartAsync(azurite);

    public async Task DisposeAsync() => await _system.DisposeAsync();

    [Fact]
    public async Task SubmitAsync_ValidCommand_FinalSucceededWithAttemptsAndListed()
    {
        await _system.OnboardAsync(SandboxSeed.MiniProgramAppId);
        var client = CreateSut();
        var command = DomainCommands.ModifyDomain("client-ok", SandboxSeed.MiniProgramAppId, DomainChange.Add, new ServerDomainLists { Request = ["https://api.example.com"] }, "client tests");

        var submitted = await client.SubmitAsync(command);
        var final = await client.WaitUntilFinalAsync(command.CommandId, Eventually.Limit, Poll);
        var page = await client.ListAsync(new CommandQuery { Authorizer = SandboxSeed.MiniProgramAppId });

        Assert.Equal("/api/commands/client-ok", submitted.StatusUrl);
        Assert.True(submitted.Enqueued);
        Assert.Equal(CommandState.Succeeded, final.State);
        Assert.Equal("modify_domain", final.Api);
        Assert.Equal(0, Assert.Single(final.AttemptHistory!).ErrorCode);
        Assert.Contains(page.Items, c => c.CommandId == "client-ok" && c.State == CommandState.Succeeded);
        Assert.Contains("https://api.example.com", (await _system.Sandbox.GetAuthorizerAsync(SandboxSeed.MiniProgramAppId)).Domains.Third.RequestDomain);
    }

    [Fact]
    public async Task SubmitRawAsync_EveryBadCorpusCase_HostGivesTheClientsReasons()
    {
        var client = CreateSut();
        var mismatches = new List<string>();
        var names = CorpusCase.Names(CorpusCase.Bad).ToList();

        foreach (var name in names)
        {
            var message = CorpusCase.Load(CorpusCase.Bad, name).Message;
            var local = CommandValidator.Validate(message);
            var e = await Assert.ThrowsAnyAsync<CommandApiException>(() => client.SubmitRawAsync(message, name));
            var same = e switch
            {
                CommandRejectedException { ServerSide: true } rejected => local.SequenceEqual(rejected.Errors),
                // The Host caps the body below the validator's limit: 413 before the parser, the client's reason is the size.
                CommandTooLargeException => local is [{ Path: "$" } only] && only.Message.Contains("larger than", StringComparison.Ordinal),
                _ => false,
            };
            if (!same)
            {
                mismatches.Add($"{name}: client [{string.Join("; ", local)}] host HTTP {e.StatusCode} [{string.Join("; ", e.Errors)}]");
            }
        }

        Assert.True(names.Count >= 60, $"only {names.Count} bad corpus cases");
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} of {names.Count} cases differ:{Environment.NewLine}{string.Join(Environment.NewLine, mismatches)}");
        Assert.Equal(0, await _system.QueuedMessagesAsync());
    }

    [Fact]
    public async Task SubmitAsync_InvalidCommand_RefusedBeforeSending()
    {
        var client = CreateSut();
        var command = DomainCommands.ModifyDomain("client-local", SandboxSeed.MiniProgramAppId, DomainChange.Add, new ServerDomainLists { Request = ["https://10.0.0.1"] });

        var e = await Assert.ThrowsAsync<CommandRejectedException>(() => client.SubmitAsync(command));

        Assert.False(e.ServerSide);
        Assert.Equal("body.requestdomain[0]", Assert.Single(e.Errors).Path);
        Assert.Null(await client.GetAsync("client-local"));
    }

    [Fact]
    public async Task SubmitAsync_SameIdOtherCommand_Conflict409()
    {
        var client = CreateSut();
        await client.SubmitAsync(DomainCommands.GetEffectiveDomain("client-twice", SandboxSeed.MiniProgramAppId));

        var again = await client.SubmitAsync(DomainCommands.GetEffectiveDomain("client-twice", SandboxSeed.MiniProgramAppId));
        var e = await Assert.ThrowsAsync<CommandConflictException>(() => client.SubmitAsync(DomainCommands.GetEffectiveWebviewDomain("client-twice", SandboxSeed.MiniProgramAppId)));

        Assert.Equal("client-twice", again.CommandId);
        Assert.Equal(409, e.StatusCode);
        Assert.Equal("client-twice", e.CommandId);
    }

    [Fact]
    public async Task SubmitRawAsync_LargerThanTheHostTakes_TooLarge413()
    {
        var client = CreateSut();
        var oversized = new byte[300 * 1024];
        Array.Fill(oversized, (byte)' ');

        var e = await Assert.ThrowsAsync<CommandTooLargeException>(() => client.SubmitRawAsync(oversized));

        Assert.Equal(413, e.StatusCode);
        Assert.Contains("bytes", e.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListAsync_NeitherAuthorizerNorFailedOrDeferred_400WithTheReason()
    {
        var e = await Assert.ThrowsAsync<CommandApiException>(() => CreateSut().ListAsync(new CommandQuery { State = CommandState.Succeeded }));

        Assert.Equal(400, e.StatusCode);
        Assert.Equal("authorizer", Assert.Single(e.Errors).Path);
    }

    [Fact]
    public async Task WaitUntilFinalAsync_NoSuchCommand_TimeoutSaysNotFound()
    {
        var e = await Assert.ThrowsAsync<TimeoutException>(() => CreateSut().WaitUntilFinalAsync("client-missing", TimeSpan.FromMilliseconds(300), Poll));

        Assert.Contains("client-missing", e.Message, StringComparison.Ordinal);
        Assert.Contains("not found", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCall_WrongKey_CommandApiException401()
    {
        var e = await Assert.ThrowsAsync<CommandApiException>(() => new HttpCommandClient(_system.Anonymous, "wrong-key").GetAsync("anything"));

        Assert.Equal(401, e.StatusCode);
    }

    /// <summary>On the Host's client without a key: the package adds its own.</summary>
    private HttpCommandClient CreateSut() => new(_system.Anonymous, LocalSystem.Key);
}
