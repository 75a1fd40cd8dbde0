// COMPILE-ONLY STAND-IN (never deployed) for the type of Microsoft.Azure.Functions.Worker.Extensions.ServiceBus 5.x.
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>
/// Stand-in for the extension's <c>ServiceBusTriggerAttribute</c>: a trigger on a queue or a topic subscription. The
/// Worker SDK's generators read it as they read the real one: a <see cref="TriggerBindingAttribute"/> named
/// <c>ServiceBusTrigger</c> (binding type <c>serviceBusTrigger</c>), its constructor arguments and the named arguments
/// set on it, and <see cref="ISupportCardinality"/> with <see cref="IsBatched"/> defaulting to <see langword="false"/>
/// (the generator fails with CS8785 without that default). Unlike the real assembly, this one carries no
/// <c>ExtensionInformation</c>: that would make the SDK's extensions project restore the host-side
/// <c>Microsoft.Azure.WebJobs.Extensions.ServiceBus</c>, which this feed lacks, and nothing built here is deployed.
/// </summary>
public sealed class ServiceBusTriggerAttribute : TriggerBindingAttribute, ISupportCardinality
{
    /// <summary>A trigger on the queue <paramref name="queueName"/> (a name or a <c>%setting%</c>).</summary>
    public ServiceBusTriggerAttribute(string queueName) => QueueName = queueName;

    /// <summary>A trigger on the subscription <paramref name="subscriptionName"/> of the topic <paramref name="topicName"/>.</summary>
    public ServiceBusTriggerAttribute(string topicName, string subscriptionName)
    {
        TopicName = topicName;
        SubscriptionName = subscriptionName;
    }

    /// <summary>The connection setting (identity-based: <c>{Connection}__fullyQualifiedNamespace</c>).</summary>
    public string? Connection { get; set; }

    /// <summary>The queue, or <see langword="null"/> for a topic subscription.</summary>
    public string? QueueName { get; }

    /// <summary>The topic, or <see langword="null"/> for a queue.</summary>
    public string? TopicName { get; }

    /// <summary>The subscription of <see cref="TopicName"/>, or <see langword="null"/> for a queue.</summary>
    public string? SubscriptionName { get; }

    /// <summary>Whether the entity is session-aware.</summary>
    public bool IsSessionsEnabled { get; set; }

    /// <summary>Whether the function receives a batch; <see langword="false"/> unless set.</summary>
    [DefaultValue(false)]
    public bool IsBatched { get; set; }

    /// <summary>
    /// Whether the host completes the message after a successful run. Like the real property it has no initializer:
    /// it reads <see langword="false"/> when unset, and the host then follows host.json's <c>autoCompleteMessages</c>
    /// (only a value set here reaches functions.metadata).
    /// </summary>
    public bool AutoCompleteMessages { get; set; }

    /// <inheritdoc />
    Cardinality ISupportCardinality.Cardinality
    {
        get => IsBatched ? Cardinality.Many : Cardinality.One;
        set => IsBatched = value == Cardinality.Many;
    }
}
