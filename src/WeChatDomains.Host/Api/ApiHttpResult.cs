using System.Text.Json;
using WeChatDomains.Core.Api;

namespace WeChatDomains.Host.Api;

/// <summary>Writes a Core <see cref="ApiResult"/> as the HTTP response: status, Location, content type, JSON with <see cref="ApiJson.Options"/>.</summary>
public sealed class ApiHttpResult(ApiResult result) : IResult, IStatusCodeHttpResult
{
    /// <summary>The Core result.</summary>
    public ApiResult Result { get; } = result;

    /// <inheritdoc />
    public int? StatusCode => Result.StatusCode;

    /// <inheritdoc />
    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = Result.StatusCode;
        if (Result.Location is not null)
        {
            response.Headers.Location = Result.Location;
        }

        switch (Result.Body)
        {
            case null:
                return;
            case string text:
                response.ContentType = Result.ContentType;
                await response.WriteAsync(text, httpContext.RequestAborted);
                return;
            default:
                response.ContentType = Result.ContentType;
                await JsonSerializer.SerializeAsync(response.Body, Result.Body, Result.Body.GetType(), ApiJson.Options, httpContext.RequestAborted);
                return;
        }
    }
}
