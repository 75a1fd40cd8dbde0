using WeChatDomains.Core.Commands;
using Azure.Messaging.ServiceBus;
using Moq;
using WeChatDomains.Core.Execution;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.Functions.Tests.Support;

namespace WeChatDomains.Functions.Tests.Http;

public sealed class CommandsApiTests
{
    private const string Body = """{"commandId":"c-1","api":"get_effective_domain","authorizerAppId":"wx0000000000000001","body":{}}""";
    private readonly ApiFixture _api = new();

    [Fact]
    public async Task SubmitAsync_InvalidCommand_Answers400ProblemWithEveryReasonAndEnqueuesNothing()
    {
        _api.Reader.Setup(r => r.Read(It.IsAny<ReadOnlyMemory<byte>>())).Returns(new CommandReading(null, null, "c-1", "modify_domain",
        [
            new ValidationError("body.requestdomain[0]", "must start with https://"),
            new ValidationError("body.action", "must be one of add, delete, set, get"),
        ]));

        var response = await HttpCalls.ExecuteAsync(await _api.CreateCommandsApi().SubmitAsync(HttpCalls.Request(Body), CancellationToken.None));

        Assert.Equal(400, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
        var errors = response.Json.GetProperty("errors").EnumerateArray().Select(e => (e.GetProperty("path").GetString(), e.GetProperty("message").GetString())).ToList();
        Assert.Equal(
            [("body.requestdomain[0]", "must start with https://"), ("body.action", "must be one of add, delete, set, get")],
            errors);
        _api.Sender.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SubmitAsync_ValidCommand_EnqueuesOnTheAuthorizerSessionAndAnswers202WithTheStatusUrl()
    {
        AcceptValidCommand();
        _api.Store.Setup(s => s.TryInsertAsync(It.IsAny<CommandRecord>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((CommandRecord r, CancellationToken _) => r);

        var response = await HttpCalls.ExecuteAsync(await _api.CreateCommandsApi().SubmitAsync(HttpCalls.Request(Body), CancellationToken.None));

        Assert.Equal(202, response.Status);
        Assert.Equal("/api/commands/c-1", response.Location);
        Assert.Equal("/api/commands/c-1", response.Json.GetProperty("statusUrl").GetString());
        _api.Sender.Verify(s => s.SendMessageAsync(
            It.Is<ServiceBusMessage>(m => m.SessionId == "wx0000000000000001" && m.MessageId == "c-1" && m.Body.ToString() == Body),
            It.IsAny<CancellationToken>()), Times.Once);
    }

    [Fact]
    public async Task SubmitAsync_SameIdDifferentCommand_Answers409AndEnqueuesNothing()
    {
        AcceptValidCommand();
        _api.Store.Setup(s => s.TryInsertAsync(It.IsAny<CommandRecord>(), It.IsAny<CancellationToken>())).ReturnsAsync((CommandRecord?)null);
        _api.Store.Setup(s => s.GetAsync("c-1", It.IsAny<CancellationToken>())).ReturnsAsync(new CommandRecord
        {
            CommandId = "c-1",
            Api = "modify_domain",
            Body = "{}",
            State = CommandState.Running,
            CreatedAt = ApiFixture.Now,
        });

        var response = await HttpCalls.ExecuteAsync(await _api.CreateCommandsApi().SubmitAsync(HttpCalls.Request(Body), CancellationToken.None));

        Assert.Equal(409, response.Status);
        _api.Sender.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task SubmitAsync_BodyOverTheCap_Answers413WithoutReadingTheCommand()
    {
        var huge = new string(' ', Core.Api.ApiRoutes.MaxCommandBodyBytes + 10);

        var response = await HttpCalls.ExecuteAsync(await _api.CreateCommandsApi().SubmitAsync(HttpCalls.Request(huge), CancellationToken.None));

        Assert.Equal(413, response.Status);
        _api.Reader.VerifyNoOtherCalls();
    }

    [Fact]
    public async Task GetAsync_UnknownCommand_Answers404Problem()
    {
        var response = await HttpCalls.ExecuteAsync(await _api.CreateCommandsApi().GetAsync(HttpCalls.Request(), "nope", CancellationToken.None));

        Assert.Equal(404, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
    }

    [Fact]
    public async Task GetAsync_KnownCommand_Answers200WithItsState()
    {
        _api.Store.Setup(s => s.GetAsync("c-1", It.IsAny<CancellationToken>())).ReturnsAsync(new CommandRecord
        {
            CommandId = "c-1",
            Api = "get_effective_domain",
            State = CommandState.Succeeded,
            CreatedAt = ApiFixture.Now,
        });
        _api.Store.Setup(s => s.GetAttemptsAsync("c-1", It.IsAny<CancellationToken>())).ReturnsAsync([]);

        var response = await HttpCalls.ExecuteAsync(await _api.CreateCommandsApi().GetAsync(HttpCalls.Request(), "c-1", CancellationToken.None));

        Assert.Equal(200, response.Status);
        Assert.Equal("Succeeded", response.Json.GetProperty("state").GetString());
    }

    [Fact]
    public async Task ListAsync_InvalidQuery_Answers400WithEveryReason()
    {
        var response = await HttpCalls.ExecuteAsync(await _api.CreateCommandsApi().ListAsync(HttpCalls.Request(query: "?state=Nope&since=yesterday&pageSize=0"), CancellationToken.None));

        Assert.Equal(400, response.Status);
        var paths = response.Json.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ToList();
        Assert.Equal(["state", "since", "pageSize"], paths);
    }

    [Fact]
    public async Task ListAsync_ByAuthorizer_Answers200WithThePage()
    {
        _api.Store.Setup(s => s.ListByAuthorizerAsync("wx0000000000000001", It.IsAny<int>(), null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Core.Ports.Page<CommandRecord>(
                [new CommandRecord { CommandId = "c-1", Api = "get_effective_domain", State = CommandState.Accepted, CreatedAt = ApiFixture.Now }],
                "next"));

        var response = await HttpCalls.ExecuteAsync(await _api.CreateCommandsApi().ListAsync(HttpCalls.Request(query: "?Authorizer=wx0000000000000001"), CancellationToken.None));

        Assert.Equal(200, response.Status);
        Assert.Equal("c-1", response.Json.GetProperty("items")[0].GetProperty("commandId").GetString());
        Assert.Equal("next", response.Json.GetProperty("continuation").GetString());
    }

    private void AcceptValidCommand() =>
        _api.Reader.Setup(r => r.Read(It.IsAny<ReadOnlyMemory<byte>>())).Returns(new CommandReading(
            new CommandHeader("c-1", "get_effective_domain", null, "wx0000000000000001", null, Body),
            new WeChatCall.EffectiveDomains(),
            "c-1",
            "get_effective_domain",
            []));
}
