using WeChatDomains.Sandbox.Push;
using WeChatDomains.Sandbox.State;

namespace WeChatDomains.Sandbox.Admin;

/// <summary>
/// <c>POST /sandbox/authorizers/{appid}/unauthorize</c> (the merchant withdraws the authorization: WeChat stops listing it
/// and pushes <c>unauthorized</c>), <c>GET /sandbox/pushes</c> and <c>POST /sandbox/pushes/{id}/resend</c> (a kept push
/// sent again byte for byte, original timestamp and signature included, as a delayed retry or a replay arrives).
/// </summary>
internal static class AdminPushLogEndpoints
{
    public static RouteGroupBuilder MapSandboxPushLog(this RouteGroupBuilder admin)
    {
        admin.MapPost("/authorizers/{appid}/unauthorize", UnauthorizeAsync);
        admin.MapGet("/pushes", (SandboxState state) => state.Run(s => s.Pushes.All.Select(p => new PushModel(p.Id, p.InfoType, p.SentAt)).ToArray()));
        admin.MapPost("/pushes/{id:int}/resend", ResendAsync);
        return admin;
    }

    private static async Task<IResult> UnauthorizeAsync(
        string appid, PushRequest request, SandboxState state, SandboxClock clock, PushSender sender, CancellationToken cancellationToken)
    {
        if (!AdminPushEndpoints.TryReceiver(request, out var url))
        {
            return AdminPushEndpoints.BadUrl();
        }

        var now = clock.Now;
        var push = state.Run(s =>
        {
            if (!s.Authorizers.TryGetValue(appid, out var authorizer))
            {
                return default((PushKeys, string)?);
            }

            authorizer.Authorized = false;
            return (AdminPushEndpoints.KeysOf(s.Platform), PushMessages.Unauthorized(s.Platform.AppId, now, appid));
        });
        if (push is not { } message)
        {
            return Results.NotFound(new AdminError($"no authorizer {appid}"));
        }

        return AdminPushEndpoints.Answer(await sender.SendAsync(url, "unauthorized", message.Item2, message.Item1, now, cancellationToken));
    }

    private static async Task<IResult> ResendAsync(int id, PushRequest request, SandboxState state, PushSender sender, CancellationToken cancellationToken)
    {
        if (!AdminPushEndpoints.TryReceiver(request, out var url))
        {
            return AdminPushEndpoints.BadUrl();
        }

        var push = state.Run(s => s.Pushes.Find(id));
        return push is null
            ? Results.NotFound(new AdminError($"no push {id}"))
            : AdminPushEndpoints.Answer(await sender.DeliverAsync(url, push, cancellationToken));
    }
}

/// <summary>One kept push, as <c>GET /sandbox/pushes</c> lists it (never its content).</summary>
public sealed record PushModel(int Id, string InfoType, DateTimeOffset SentAt);
