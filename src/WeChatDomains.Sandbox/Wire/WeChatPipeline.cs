using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Sandbox.State;

namespace WeChatDomains.Sandbox.Wire;

/// <summary>
/// Every WeChat call goes through here: count it, draw its faults, wait the injected latency (outside any lock),
/// check the token, parse the body, run the api's rules under the state lock, and answer (or fail after applying).
/// </summary>
internal sealed class WeChatPipeline(
    SandboxState state, SandboxClock clock, FaultInjector faults, CallCounter calls, TimeProvider timeProvider,
    ILogger<WeChatPipeline> logger)
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public async Task HandleAsync<TBody>(
        HttpContext context, WeChatRoute route, Func<SandboxState, ApiRequest<TBody>, WeChatReply> handler)
        where TBody : class, new()
    {
        calls.Record(route.Api);
        var plan = faults.Plan(route.Api);
        if (plan.Latency > TimeSpan.Zero)
        {
            await Task.Delay(plan.Latency, timeProvider, context.RequestAborted);
        }

        if (plan.Drop)
        {
            Log.FaultInjected(logger, route.Api, "drop");
            context.Abort();
            return;
        }

        if (plan.Http5xx)
        {
            Log.FaultInjected(logger, route.Api, "http5xx");
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.ContentType = "text/html";
            await context.Response.WriteAsync("<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>", context.RequestAborted);
            return;
        }

        if (plan.Errcode is { } injected)
        {
            Log.FaultErrcode(logger, route.Api, injected);
            await WriteAsync(context, WeChatReply.Error(injected), clock.Now);
            return;
        }

        var (body, bodyError) = route.IsGet ? (new TBody(), 0) : await RequestBody.ReadAsync<TBody>(context.Request);
        var token = route.TokenKind is null ? null : context.Request.Query[route.TokenQuery].ToString();
        var now = clock.Now;
        var reply = state.Run(s =>
        {
            var subject = string.Empty;
            if (route.TokenKind is { } kind)
            {
                var tokenError = CheckToken(s, token, kind, now, out subject);
                if (tokenError != 0)
                {
                    return WeChatReply.Error(tokenError);
                }
            }

            return bodyError != 0
                ? WeChatReply.Error(bodyError)
                : handler(s, new ApiRequest<TBody>(body!, subject, now, SandboxClock.CstMonth(now)));
        });

        if (plan.AppliedThenFail)
        {
            Log.FaultInjected(logger, route.Api, plan.FailByDrop ? "applied, then drop" : "applied, then -1");
            if (plan.FailByDrop)
            {
                context.Abort();
                return;
            }

            reply = WeChatReply.Error(WeChatErrors.SystemError);
        }

        await WriteAsync(context, reply, now);
    }

    public static async Task WriteAsync(HttpContext context, WeChatReply reply, DateTimeOffset now)
    {
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = JsonContentType;
        await context.Response.Body.WriteAsync(reply.ToUtf8Json(now), context.RequestAborted);
    }

    private static int CheckToken(SandboxState state, string? token, TokenKind kind, DateTimeOffset now, out string subject)
    {
        var check = state.Tokens.Check(token, kind, now, out subject);
        return check switch
        {
            TokenCheck.Missing => WeChatErrors.AccessTokenMissing,
            TokenCheck.Invalid => WeChatErrors.InvalidCredential,
            TokenCheck.Expired => WeChatErrors.AccessTokenExpired,
            _ when kind == TokenKind.Authorizer && !state.Authorizers.ContainsKey(subject) => WeChatErrors.InvalidCredential,
            _ => 0,
        };
    }
}
