namespace WeChatDomains.WeChat.Client;

/// <summary>Defaults and fixed names of the WeChat client.</summary>
public static class WeChatClientConstants
{
    /// <summary>WeChat's API host.</summary>
    public const string DefaultBaseUrl = "https://api.weixin.qq.com";

    /// <summary>Default time one HTTP attempt may take, response body included: 10 seconds.</summary>
    public static readonly TimeSpan DefaultAttemptTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Default number of retries after the first attempt: 3.</summary>
    public const int DefaultRetryCount = 3;

    /// <summary>Default base delay of the exponential backoff (with jitter): 500 ms.</summary>
    public static readonly TimeSpan DefaultBaseDelay = TimeSpan.FromMilliseconds(500);

    /// <summary>Default upper bound of one backoff delay: 10 seconds.</summary>
    public static readonly TimeSpan DefaultMaxDelay = TimeSpan.FromSeconds(10);

    /// <summary>The most retries the options accept.</summary>
    public const int MaxRetryCount = 10;

    /// <summary>The largest <see cref="WeChatClientOptions.MaxConcurrentCalls"/> the options accept.</summary>
    public const int MaxConcurrentCallsLimit = 10_000;

    /// <summary>Key of the client's resilience pipeline in the Polly registry.</summary>
    public const string PipelineKey = "WeChatDomains.WeChatClient";

    /// <summary>Query parameter that carries an authorizer token (and, for modify_wxa_jump_domain, the component token).</summary>
    public const string AccessTokenParameter = "access_token";

    /// <summary>Query parameter that carries the component token on the token APIs.</summary>
    public const string ComponentAccessTokenParameter = "component_access_token";

    /// <summary>What replaces a redacted value in a logged URL.</summary>
    public const string RedactedValue = "***";

    /// <summary>errcode of a result whose call never got a WeChat answer.</summary>
    public const int TransportFailureErrorCode = -1;
}
