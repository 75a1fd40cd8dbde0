using System.Text.Json;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Sandbox.Wire;

namespace WeChatDomains.Sandbox;

/// <summary>
/// Any exception becomes JSON, never an error page or a stack trace: on the WeChat routes HTTP 200 with errcode -1
/// (as WeChat's "system error"), on the admin routes the same JSON with HTTP 500 (400 for a bad request). Logged.
/// The rid uses the system clock: the injected one may be what failed.
/// </summary>
internal sealed class SandboxExceptionMiddleware(RequestDelegate next, ILogger<SandboxExceptionMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The caller went away; nobody to answer.
        }
        catch (BadHttpRequestException bad) when (!context.Response.HasStarted && IsAdmin(context))
        {
            context.Response.Clear();
            context.Response.StatusCode = bad.StatusCode;
            await context.Response.WriteAsJsonAsync(StrictAdminJson.Problem(bad), (JsonSerializerOptions?)null, "application/problem+json", context.RequestAborted);
        }
        catch (Exception ex) when (!context.Response.HasStarted)
        {
            Log.Unhandled(logger, ex, context.Request.Method, context.Request.Path);
            var admin = IsAdmin(context);
            context.Response.Clear();
            context.Response.StatusCode = ex switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                _ when admin => StatusCodes.Status500InternalServerError,
                _ => StatusCodes.Status200OK,
            };
            context.Response.ContentType = "application/json; charset=utf-8";
            await context.Response.Body.WriteAsync(WeChatReply.Error(WeChatErrors.SystemError).ToUtf8Json(TimeProvider.System.GetUtcNow()));
        }
    }

    private static bool IsAdmin(HttpContext context) => context.Request.Path.StartsWithSegments("/sandbox", StringComparison.OrdinalIgnoreCase);
}
