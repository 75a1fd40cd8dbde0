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
