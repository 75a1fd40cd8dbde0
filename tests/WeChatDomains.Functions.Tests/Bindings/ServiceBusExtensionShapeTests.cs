using System.Reflection;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace WeChatDomains.Functions.Tests.Bindings;

/// <summary>
/// What the app and the Worker SDK rely on in the Service Bus extension's types. In a connected build these run against
/// the real extension, in a stand-in build against src/WeChatDomains.Functions.ServiceBusStandIn: the same facts in both
/// modes keep the stand-in faithful.
/// </summary>
public sealed class ServiceBusExtensionShapeTests
{
    [Fact]
    public void TriggerAttribute_Unset_ReadsNeitherAutoCompleteNorBatched()
    {
        var trigger = new ServiceBusTriggerAttribute("queue");

        Assert.Equal(("queue", null, null), (trigger.QueueName, trigger.TopicName, trigger.SubscriptionName));
        Assert.False(trigger.AutoCompleteMessages);
        Assert.False(trigger.IsBatched);
        Assert.Equal(Cardinality.One, ((ISupportCardinality)trigger).Cardinality);
    }

    [Fact]
    public void TriggerAttribute_Shape_IsWhatTheSdkGeneratorsRead()
    {
        var isBatchedDefault = typeof(ServiceBusTriggerAttribute).GetProperty(nameof(ServiceBusTriggerAttribute.IsBatched))!
            .GetCustomAttributesData().Single(a => a.AttributeType == typeof(DefaultValueAttribute));

        Assert.True(typeof(TriggerBindingAttribute).IsAssignableFrom(typeof(ServiceBusTriggerAttribute)));
        Assert.Equal("Microsoft.Azure.Functions.Worker", typeof(ServiceBusTriggerAttribute).Namespace);
        Assert.Equal([false], isBatchedDefault.ConstructorArguments.Select(a => a.Value));
        Assert.Equal(Cardinality.Many, ((ISupportCardinality)new ServiceBusTriggerAttribute("queue") { IsBatched = true }).Cardinality);
    }

    [Theory]
    [InlineData(nameof(ServiceBusMessageActions.CompleteMessageAsync), new[] { typeof(ServiceBusReceivedMessage), typeof(CancellationToken) })]
    [InlineData(nameof(ServiceBusMessageActions.AbandonMessageAsync), new[] { typeof(ServiceBusReceivedMessage), typeof(IDictionary<string, object>), typeof(CancellationToken) })]
    [InlineData(nameof(ServiceBusMessageActions.DeadLetterMessageAsync), new[] { typeof(ServiceBusReceivedMessage), typeof(Dictionary<string, object>), typeof(string), typeof(string), typeof(CancellationToken) })]
    [InlineData(nameof(ServiceBusMessageActions.DeferMessageAsync), new[] { typeof(ServiceBusReceivedMessage), typeof(IDictionary<string, object>), typeof(CancellationToken) })]
    [InlineData(nameof(ServiceBusMessageActions.RenewMessageLockAsync), new[] { typeof(ServiceBusReceivedMessage), typeof(CancellationToken) })]
    public void MessageActions_Settlement_IsVirtualWithOptionalArgumentsAfterTheMessage(string name, Type[] parameters)
    {
        var method = typeof(ServiceBusMessageActions).GetMethod(name, parameters);

        Assert.True(method is { IsVirtual: true, ReturnType: var returns } && returns == typeof(Task), $"{name}({parameters.Length} parameters) is missing, not virtual or not a Task");
        Assert.All(method!.GetParameters().Skip(1), p => Assert.True(p.IsOptional, $"{name}: {p.Name} is not optional"));
        Assert.Contains(typeof(ServiceBusMessageActions).GetConstructors(BindingFlags.NonPublic | BindingFlags.Instance), c => c.IsFamily && c.GetParameters().Length == 0);
    }
}
