using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using WeChatDomains.Core.Api;

namespace WeChatDomains.Functions.Http;

/// <summary>Writes a host-independent <see cref="ApiResult"/> as the HTTP response: status, Location, JSON (or text) body.</summary>
public sealed class ApiActionResult(ApiResult result) : IActionResult
{
    /// <summary>The result written.</summary>
    public ApiResult Result { get; } = result;

    /// <inheritdoc />
    public async Task ExecuteResultAsync(ActionContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var response = context.HttpContext.Response;
        var cancellationToken = context.HttpContext.RequestAborted;
        response.StatusCode = Result.StatusCode;
        if (Result.Location is not null)
        {
            response.Headers.Location = Result.Location;
        }

        if (Result.Body is null)
        {
            return;
        }

        response.ContentType = Result.ContentType;
        if (Result.Body is string text)
        {
            await response.WriteAsync(text, cancellationToken);
            return;
        }

        await JsonSerializer.SerializeAsync(response.Body, Result.Body, Result.Body.GetType(), ApiJson.Options, cancellationToken);
    }
}
