using Azure.Messaging.ServiceBus;
using Moq;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;
using WeChatDomains.Functions.Tests.Support;

namespace WeChatDomains.Functions.Tests.Http;

/// <summary>Issue 14: the domain family's commands take the Service Bus path, on the platform's or the authorizer's session.</summary>
public sealed class DomainFamilyCommandsApiTests
{
    private readonly ApiFixture _api = new();

    [Theory]
    [InlineData("""{"commandId":"p-1","api":"modify_wxa_server_domain","body":{"action":"add","wxa_server_domain":"api.example.com","is_modify_published_together":true}}""", "component")]
    [InlineData("""{"commandId":"p-1","api":"get_domain_confirmfile","body":{}}""", "component")]
    [InlineData("""{"commandId":"p-1","api":"setwebviewdomain_directly","authorizerAppId":"wx0000000000000001","body":{"action":"add","webviewdomain":["https://h5.example.com"]}}""", "wx0000000000000001")]
    [InlineData("""{"commandId":"p-1","api":"set_prefetchdnsdomain","authorizerAppId":"wx0000000000000001","body":{"prefetch_dns_domain":[{"url":"cdn.example.com"}]}}""", "wx0000000000000001")]
    public async Task SubmitAsync_DomainFamilyCommand_EnqueuesOnItsSession(string body, string session)
    {
        _api.Reader.Setup(r => r.Read(It.IsAny<ReadOnlyMemory<byte>>())).Returns((ReadOnlyMemory<byte> utf8) => new CommandReader().Read(utf8));
        _api.Store.Setup(s => s.TryInsertAsync(It.IsAny<CommandRecord>(), It.IsAny<CancellationToken>()))
            .ReturnsAsync((CommandRecord r, CancellationToken _) => r);

        var response = await HttpCalls.ExecuteAsync(await _api.CreateCommandsApi().SubmitAsync(HttpCalls.Request(body), CancellationToken.None));

        Assert.Equal(202, response.Status);
        _api.Sender.Verify(s => s.SendMessageAsync(
            It.Is<ServiceBusMessage>(m => m.SessionId == session && m.MessageId == "p-1"),
            It.IsAny<CancellationToken>()), Times.Once);
    }
}
