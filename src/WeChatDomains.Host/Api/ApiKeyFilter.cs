using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WeChatDomains.Core.Api;

namespace WeChatDomains.Host.Api;

/// <summary>
/// Checks the API key as Azure Functions does: the <c>x-functions-key</c> header, or the <c>code</c> query parameter,
/// compared in constant time. 401 problem details without a valid key.
/// </summary>
public sealed class ApiKeyFilter(IOptions<ApiKeyOptions> options) : IEndpointFilter
{
    /// <summary>The header Azure Functions reads the key from.</summary>
    public const string HeaderName = "x-functions-key";

    /// <summary>The query parameter Azure Functions reads the key from.</summary>
    public const string QueryName = "code";

    private readonly byte[] _expected = SHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Key ?? string.Empty));

    /// <inheritdoc />
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var request = context.HttpContext.Request;
        var given = request.Headers[HeaderName].FirstOrDefault() ?? request.Query[QueryName].FirstOrDefault();
        if (string.IsNullOrEmpty(given) || !Matches(given))
        {
            return ValueTask.FromResult<object?>(new ApiHttpResult(
                ApiResult.Problem(StatusCodes.Status401Unauthorized, "An API key is required.", $"Send the key in the {HeaderName} header or the {QueryName} query parameter.")));
        }

        return next(context);
    }

    private bool Matches(string given) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(given)), _expected);
}
