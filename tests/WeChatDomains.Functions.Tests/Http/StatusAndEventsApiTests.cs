using System.Text;
using Moq;
using WeChatDomains.Core.Api;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.Functions.Http;
using WeChatDomains.Functions.Seams;
using WeChatDomains.Functions.Tests.Support;

namespace WeChatDomains.Functions.Tests.Http;

public sealed class StatusAndEventsApiTests
{
    private readonly ApiFixture _api = new();

    [Fact]
    public async Task GetAuthorizerAsync_Unknown_Answers404Problem()
    {
        var response = await HttpCalls.ExecuteAsync(await _api.CreateStatusApi().GetAuthorizerAsync(HttpCalls.Request(), "wx0000000000000009", CancellationToken.None));

        Assert.Equal(404, response.Status);
        Assert.Equal("application/problem+json", response.ContentType);
    }

    [Fact]
    public async Task GetHealthAsync_NoTicketYet_Answers200AndNamesTheProblem()
    {
        _api.Registry.Setup(r => r.ListAsync(It.IsAny<AuthorizerState>(), It.IsAny<int>(), null, It.IsAny<CancellationToken>()))
            .ReturnsAsync(new Page<AuthorizerRecord>([], null));
        _api.Store.Setup(s => s.CountProblemsAsync(It.IsAny<CancellationToken>())).ReturnsAsync((0, 0));

        var response = await HttpCalls.ExecuteAsync(await _api.CreateStatusApi().GetHealthAsync(HttpCalls.Request(), CancellationToken.None));

        Assert.Equal(200, response.Status);
        Assert.Contains(response.Json.GetProperty("problems").EnumerateArray(), p => p.GetString()!.Contains("component_verify_ticket", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReceiveAsync_Push_HandsQueryAndRawBodyToTheReceiverAndWritesItsAnswer()
    {
        var receiver = new Mock<IWeChatEventReceiver>();
        IReadOnlyDictionary<string, string?>? query = null;
        string? body = null;
        receiver.Setup(r => r.ReceiveAsync(It.IsAny<IReadOnlyDictionary<string, string?>>(), It.IsAny<ReadOnlyMemory<byte>>(), It.IsAny<CancellationToken>()))
            .Callback<IReadOnlyDictionary<string, string?>, ReadOnlyMemory<byte>, CancellationToken>((q, b, _) => (query, body) = (q, Encoding.UTF8.GetString(b.Span)))
            .ReturnsAsync(new ApiResult(200, "success"));

        var response = await HttpCalls.ExecuteAsync(await new WeChatEventsApi(receiver.Object)
            .ReceiveAsync(HttpCalls.Request("<xml><Encrypt>x</Encrypt></xml>", "?msg_signature=abc&timestamp=1&nonce=2"), CancellationToken.None));

        Assert.Equal((200, "success"), (response.Status, response.Body));
        Assert.Equal("abc", query!["msg_signature"]);
        Assert.Equal("<xml><Encrypt>x</Encrypt></xml>", body);
    }

    [Fact]
    public async Task ReceiveAsync_PushOverTheCap_Answers413WithoutCallingTheReceiver()
    {
        var receiver = new Mock<IWeChatEventReceiver>(MockBehavior.Strict);

        var response = await HttpCalls.ExecuteAsync(await new WeChatEventsApi(receiver.Object)
            .ReceiveAsync(HttpCalls.Request(new string('x', ApiRoutes.MaxEventBodyBytes + 1)), CancellationToken.None));

        Assert.Equal(413, response.Status);
    }
}
