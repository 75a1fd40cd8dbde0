using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Sandbox.State;
using WeChatDomains.Sandbox.Wire;

namespace WeChatDomains.Sandbox.Admin;

/// <summary>The admin API under <c>/sandbox/</c> (DESIGN section 7), JSON in camelCase.</summary>
internal static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapSandboxAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/sandbox");
        admin.MapPost("/reset", Reset);
        admin.MapGet("/platform", (SandboxState state) => state.Run(s => AdminMapping.ToModel(s.Platform)));
        admin.MapPut("/platform", PutPlatform);
        admin.MapGet("/authorizers", (SandboxState state) => state.Run(s => s.Authorizers.Keys.Order(StringComparer.Ordinal).ToArray()));
        admin.MapGet("/authorizers/{appid}", GetAuthorizer);
        admin.MapPut("/authorizers/{appid}", PutAuthorizer);
        admin.MapDelete("/authorizers/{appid}", (string appid, SandboxState state) =>
            state.Run(s => s.Authorizers.Remove(appid)) ? Results.NoContent() : NotFound(appid));
        admin.MapPost("/authorizers/{appid}/token", MintAuthorizerToken);
        admin.MapPost("/component/token", (SandboxState state, SandboxClock clock) => state.Run(s =>
            new MintedToken(s.Tokens.Issue(TokenKind.Component, s.Platform.AppId, clock.Now), s.Tokens.LifetimeSeconds)));
        admin.MapGet("/faults", (FaultInjector faults) => faults.Settings);
        admin.MapPut("/faults", PutFaults);
        admin.MapDelete("/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        admin.MapGet("/clock", (SandboxClock clock) => ClockOf(clock));
        admin.MapPost("/clock/advance", AdvanceClock);
        admin.MapGet("/calls", (CallCounter calls) => calls.Snapshot());
        admin.MapSandboxPushes();
        admin.MapSandboxDomainAdmin();
        return app;
    }

    private static IResult Reset(SandboxState state, FaultInjector faults, CallCounter calls, SandboxClock clock, ILogger<SandboxState> logger)
    {
        state.Reset();
        faults.Clear();
        calls.Clear();
        clock.Reset();
        Log.AdminChange(logger, "reset to the default seed");
        return Results.NoContent();
    }

    private static IResult PutPlatform(PlatformModel model, SandboxState state)
    {
        if (AdminMapping.Validate(model) is { } error)
        {
            return Results.BadRequest(new AdminError(error));
        }

        var platform = AdminMapping.ToState(model);
        return Results.Ok(state.Run(s =>
        {
            s.Platform = platform;
            return AdminMapping.ToModel(platform);
        }));
    }

    private static IResult GetAuthorizer(string appid, SandboxState state, SandboxClock clock)
    {
        var month = SandboxClock.CstMonth(clock.Now);
        var model = state.Run(s => s.Authorizers.TryGetValue(appid, out var a) ? AdminMapping.ToModel(a, month) : null);
        return model is null ? NotFound(appid) : Results.Ok(model);
    }

    private static IResult PutAuthorizer(string appid, AuthorizerModel model, SandboxState state, SandboxClock clock)
    {
        if (string.IsNullOrWhiteSpace(appid) || model.ModificationsThisMonth is < 0)
        {
            return Results.BadRequest(new AdminError("an appid and a non-negative modificationsThisMonth are required"));
        }

        var month = SandboxClock.CstMonth(clock.Now);
        var authorizer = AdminMapping.ToState(appid, model, month);
        return Results.Ok(state.Run(s =>
        {
            s.Authorizers[appid] = authorizer;
            return AdminMapping.ToModel(authorizer, month);
        }));
    }

    private static IResult MintAuthorizerToken(string appid, SandboxState state, SandboxClock clock)
    {
        var token = state.Run(s => s.Authorizers.ContainsKey(appid) ? s.Tokens.Issue(TokenKind.Authorizer, appid, clock.Now) : null);
        return token is null ? NotFound(appid) : Results.Ok(new MintedToken(token, state.Tokens.LifetimeSeconds));
    }

    private static IResult PutFaults(FaultSettings settings, FaultInjector faults, ILogger<FaultInjector> logger)
    {
        if (FaultInjector.Validate(settings) is { } error)
        {
            return Results.BadRequest(new AdminError(error));
        }

        faults.Replace(settings);
        Log.FaultsReplaced(logger, settings.Apis.Count, settings.Seed);
        return Results.Ok(settings);
    }

    private static IResult AdvanceClock(ClockAdvance body, SandboxClock clock, ILogger<SandboxClock> logger)
    {
        if (!double.IsFinite(body.Seconds) || Math.Abs(body.Seconds) > TimeSpan.FromDays(3650).TotalSeconds)
        {
            return Results.BadRequest(new AdminError("seconds must be a finite number of at most ten years"));
        }

        clock.Advance(TimeSpan.FromSeconds(body.Seconds));
        Log.ClockAdvanced(logger, body.Seconds);
        return Results.Ok(ClockOf(clock));
    }

    private static ClockModel ClockOf(SandboxClock clock) => new(clock.Now, clock.Offset.TotalSeconds);

    private static IResult NotFound(string appid) => Results.NotFound(new AdminError($"no authorizer {appid}"));
}
