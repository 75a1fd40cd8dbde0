using System.Text;
using Azure.Messaging.ServiceBus;

namespace WeChatDomains.Functions.Tests.Support;

/// <summary>Received messages as Service Bus would deliver them, built with the SDK's model factory.</summary>
internal static class Messages
{
    public const string CommandBody = """{"commandId":"c-1","api":"get_effective_domain","authorizerAppId":"wx0000000000000001","body":{}}""";

    public static ServiceBusReceivedMessage Received(
        string messageId = "c-1",
        string sessionId = "wx0000000000000001",
        int deliveryCount = 1,
        string body = CommandBody,
        IDictionary<string, object>? properties = null) =>
        ServiceBusModelFactory.ServiceBusReceivedMessage(
            body: new BinaryData(Encoding.UTF8.GetBytes(body)),
            messageId: messageId,
            sessionId: sessionId,
            contentType: "application/json",
            properties: properties ?? new Dictionary<string, object> { ["commandId"] = "c-1" },
            lockTokenGuid: Guid.NewGuid(),
            deliveryCount: deliveryCount);
}
