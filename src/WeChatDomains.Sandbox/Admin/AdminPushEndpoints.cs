using WeChatDomains.Sandbox.Push;
using WeChatDomains.Sandbox.State;

namespace WeChatDomains.Sandbox.Admin;

/// <summary><c>POST /sandbox/push-ticket</c> and <c>POST /sandbox/authorizers/{appid}/authorize</c>: pushes as WeChat sends them.</summary>
internal static class AdminPushEndpoints
{
    public static RouteGroupBuilder MapSandboxPushes(this RouteGroupBuilder admin)
    {
        admin.MapPost("/push-ticket", PushTicketAsync);
        admin.MapPost("/authorizers/{appid}/authorize", AuthorizeAsync);
        return admin.MapSandboxPushLog();
    }

    private static async Task<IResult> PushTicketAsync(
        PushRequest request, SandboxState state, SandboxClock clock, PushSender sender, CancellationToken cancellationToken)
    {
        if (!TryReceiver(request, out var url))
        {
            return BadUrl();
        }

        var now = clock.Now;
        var ticket = "ticket@@@" + TokenRegistry.NewToken(48);
        var (keys, xml) = state.Run(s =>
        {
            s.Grants.RememberTicket(ticket, now);
            return (KeysOf(s.Platform), PushMessages.VerifyTicket(s.Platform.AppId, now, ticket));
        });
        return Answer(await sender.SendAsync(url, "component_verify_ticket", xml, keys, now, cancellationToken));
    }

    private static async Task<IResult> AuthorizeAsync(
        string appid, PushRequest request, SandboxState state, SandboxClock clock, PushSender sender, CancellationToken cancellationToken)
    {
        if (!TryReceiver(request, out var url))
        {
            return BadUrl();
        }

        var now = clock.Now;
        var expiresAt = now + SandboxConstants.AuthorizationCodeLifetime;
        var push = state.Run(s =>
        {
            if (!s.Authorizers.TryGetValue(appid, out var authorizer))
            {
                return default((PushKeys, string)?);
            }

            if (!authorizer.Authorized)
            {
                authorizer.RefreshToken = "refreshtoken@@@" + TokenRegistry.NewToken(24);
                authorizer.Authorized = true;
            }

            authorizer.AuthorizedAt = now;

            var code = s.Grants.IssueCode(appid, expiresAt);
            var preAuthCode = "preauthcode@@@" + TokenRegistry.NewToken(36);
            return (KeysOf(s.Platform), PushMessages.Authorized(s.Platform.AppId, now, appid, code, expiresAt, preAuthCode));
        });
        if (push is not { } message)
        {
            return Results.NotFound(new AdminError($"no authorizer {appid}"));
        }

        return Answer(await sender.SendAsync(url, "authorized", message.Item2, message.Item1, now, cancellationToken));
    }

    internal static PushKeys KeysOf(PlatformState platform) => new(platform.AppId, platform.Token, platform.EncodingAesKey);

    internal static bool TryReceiver(PushRequest request, out Uri url) =>
        Uri.TryCreate(request.Url, UriKind.Absolute, out url!) && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    internal static IResult BadUrl() => Results.BadRequest(new AdminError("url must be an absolute http(s) URL"));

    internal static IResult Answer(PushResult result) =>
        result.Delivered ? Results.Ok(result) : Results.Json(result, statusCode: StatusCodes.Status502BadGateway);
}
