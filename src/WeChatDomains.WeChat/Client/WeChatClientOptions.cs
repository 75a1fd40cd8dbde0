using System.ComponentModel.DataAnnotations;

namespace WeChatDomains.WeChat.Client;

/// <summary>
/// Options of <see cref="WeChatClient"/>, validated at start-up. Defaults are in <see cref="WeChatClientConstants"/>.
/// </summary>
public sealed class WeChatClientOptions : IValidatableObject
{
    /// <summary>Base URL of the WeChat API (default <c>https://api.weixin.qq.com</c>; the sandbox locally). Absolute http or https.</summary>
    [Required]
    public Uri BaseUrl { get; set; } = new(WeChatClientConstants.DefaultBaseUrl);

    /// <summary>Time one HTTP attempt may take, reading the response included (default 10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = WeChatClientConstants.DefaultAttemptTimeout;

    /// <summary>Retries after the first attempt for a retryable failure (default 3; 0 disables retries).</summary>
    [Range(0, WeChatClientConstants.MaxRetryCount)]
    public int RetryCount { get; set; } = WeChatClientConstants.DefaultRetryCount;

    /// <summary>Base delay of the exponential backoff with jitter (default 500 ms; zero retries at once).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan BaseDelay { get; set; } = WeChatClientConstants.DefaultBaseDelay;

    /// <summary>Upper bound of one backoff delay (default 10 s).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan MaxDelay { get; set; } = WeChatClientConstants.DefaultMaxDelay;

    /// <summary>
    /// The most HTTP requests to WeChat in flight at once in this process, token calls included (default 0: no cap
    /// beyond the callers' own). Lets a host keep more commands in flight than it lets call WeChat, so storage work
    /// overlaps the calls while WeChat never sees more than this many at a time.
    /// </summary>
    [Range(0, WeChatClientConstants.MaxConcurrentCallsLimit)]
    public int MaxConcurrentCalls { get; set; }

    /// <inheritdoc />
    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (BaseUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp)))
        {
            yield return new ValidationResult("BaseUrl must be an absolute http or https URL.", [nameof(BaseUrl)]);
        }

        if (MaxDelay < BaseDelay)
        {
            yield return new ValidationResult("MaxDelay must not be shorter than BaseDelay.", [nameof(MaxDelay), nameof(BaseDelay)]);
        }
    }
}
