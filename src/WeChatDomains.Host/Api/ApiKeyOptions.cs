using Microsoft.Extensions.Options;

namespace WeChatDomains.Host.Api;

/// <summary>
/// The API key (section <c>Api</c>, <c>Api:Key</c>). In Development with no key configured it is
/// <see cref="DevelopmentKey"/> and the Host says so at start; outside Development a missing key stops start-up.
/// </summary>
public sealed class ApiKeyOptions
{
    /// <summary>Configuration section name.</summary>
    public const string SectionName = "Api";

    /// <summary>The key in Development when none is configured.</summary>
    public const string DevelopmentKey = "local-dev-key";

    /// <summary>The key callers send (<c>x-functions-key</c> header or <c>code</c> query).</summary>
    public string? Key { get; set; }

    /// <summary>True when <see cref="Key"/> is the Development default.</summary>
    public bool IsDevelopmentDefault { get; set; }

    /// <inheritdoc />
    public override string ToString() => $"ApiKeyOptions {{ IsDevelopmentDefault = {IsDevelopmentDefault} }}";
}

/// <summary>Fills in the Development key when none is configured.</summary>
public sealed class ApiKeyDefaults(IHostEnvironment environment) : IPostConfigureOptions<ApiKeyOptions>
{
    /// <inheritdoc />
    public void PostConfigure(string? name, ApiKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Key) && environment.IsDevelopment())
        {
            options.Key = ApiKeyOptions.DevelopmentKey;
            options.IsDevelopmentDefault = true;
        }
    }
}

/// <summary>Stops start-up when there is no key (outside Development).</summary>
public sealed class ApiKeyValidation(IHostEnvironment environment) : IValidateOptions<ApiKeyOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.Key)
            ? ValidateOptionsResult.Fail($"Api:Key is required in the {environment.EnvironmentName} environment (only Development has a default key).")
            : ValidateOptionsResult.Success;
    }
}

/// <summary>Says at start which key the API uses when it is the Development default (never a configured key).</summary>
public sealed class ApiKeyNotice(IOptions<ApiKeyOptions> options, ILogger<ApiKeyNotice> logger) : IHostedService
{
    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.IsDevelopmentDefault)
        {
            Log.DevelopmentKey(logger, ApiKeyOptions.DevelopmentKey);
        }

        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
