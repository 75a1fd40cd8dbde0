using System.ComponentModel.DataAnnotations;

namespace WeChatDomains.Azure.Queues;

/// <summary>Where the command queue lives and how its messages are leased. Validated at start-up.</summary>
public sealed class StorageQueueOptions : IValidatableObject
{
    /// <summary>A Storage connection string (<c>UseDevelopmentStorage=true</c> for Azurite); or use <see cref="ServiceUri"/>.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The queue service endpoint, reached with <c>DefaultAzureCredential</c> when no connection string is given.</summary>
    public Uri? ServiceUri { get; set; }

    /// <summary>The command queue; its poison queue is this name with <see cref="StorageQueueConstants.PoisonSuffix"/>.</summary>
    [Required]
    [RegularExpression("^[a-z0-9](?!.*--)[a-z0-9-]{1,54}[a-z0-9]$", ErrorMessage = "A queue name is 3-56 lowercase letters, digits and single hyphens.")]
    public string QueueName { get; set; } = StorageQueueConstants.QueueName;

    /// <summary>How long a received message stays invisible to other receivers: the processing lease.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "07.00:00:00")]
    public TimeSpan VisibilityTimeout { get; set; } = StorageQueueConstants.VisibilityTimeout;

    /// <summary>Dequeues after which a message is moved to the poison queue without being processed.</summary>
    [Range(1, 1000)]
    public int MaxDequeueCount { get; set; } = StorageQueueConstants.MaxDequeueCount;

    /// <summary>The poison queue's name.</summary>
    public string PoisonQueueName => QueueName + StorageQueueConstants.PoisonSuffix;

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString) && ServiceUri is null)
        {
            yield return new ValidationResult("Give StorageQueue:ConnectionString or StorageQueue:ServiceUri.", [nameof(ConnectionString), nameof(ServiceUri)]);
        }
    }
}
