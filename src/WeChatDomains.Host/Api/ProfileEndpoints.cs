using WeChatDomains.Core.Api;
using WeChatDomains.Core.Profiles;
using WeChatDomains.Core.Profiles.Drift;
using WeChatDomains.Core.Profiles.Rollouts;

namespace WeChatDomains.Host.Api;

/// <summary>The profile routes of DESIGN section 10 under <c>/api</c>: Core's <see cref="ProfileHandlers"/> behind the key check.</summary>
public static class ProfileEndpoints
{
    /// <summary>Maps the profile routes (all keyed).</summary>
    public static IEndpointRouteBuilder MapProfilesApi(this IEndpointRouteBuilder endpoints)
    {
        var keyed = endpoints.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>().WithTags("Profiles");
        keyed.MapGet(ProfileRoutes.Profiles, async (HttpContext context, CancellationToken ct) => Result(await Handlers(context).ListAsync(ct)))
            .WithName("ListProfiles").WithSummary("Every profile, current version.").Produces<ProfileListDto>();
        keyed.MapPut(ProfileRoutes.Profile, PutAsync)
            .WithName("PutProfile").WithSummary("Validates a profile and stores it as its next version.")
            .Produces<ProfileDto>().Produces<ProfileDto>(StatusCodes.Status201Created)
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, "application/problem+json");
        keyed.MapGet(ProfileRoutes.Profile, async (string name, HttpContext context, CancellationToken ct) => Result(await Handlers(context).GetAsync(name, ct)))
            .WithName("GetProfile").WithSummary("The current version of a profile.")
            .Produces<ProfileDto>().Produces<ApiProblem>(StatusCodes.Status404NotFound, "application/problem+json");
        keyed.MapGet(ProfileRoutes.Plan, PlanAsync)
            .WithName("PlanProfile").WithSummary("What applying the profile would change, from the last domains read; changes nothing.")
            .Produces<FleetPlan>().Produces<ApiProblem>(StatusCodes.Status404NotFound, "application/problem+json");
        keyed.MapPut(ProfileRoutes.Assignment, AssignAsync)
            .WithName("AssignProfile").WithSummary("Assigns a profile to an authorizer.")
            .Produces<AssignmentDto>().Produces<ApiProblem>(StatusCodes.Status404NotFound, "application/problem+json");
        keyed.MapPost(ProfileRoutes.Rollouts, StartRolloutAsync)
            .Accepts<RolloutRequest>("application/json")
            .WithName("StartRollout").WithSummary("Starts a rollout of the profile in waves: platform tier, canary, then each wave gated on the last.")
            .Produces<RolloutStarted>(StatusCodes.Status202Accepted).Produces<ApiProblem>(StatusCodes.Status400BadRequest, "application/problem+json");
        keyed.MapGet(ProfileRoutes.AllRollouts, async (HttpContext context, CancellationToken ct) => Result(await Rollouts(context).ListAsync(ct)))
            .WithName("ListRollouts").WithSummary("Every rollout with its counts.").Produces<RolloutListDto>();
        keyed.MapGet(ProfileRoutes.Rollout, async (string id, HttpContext context, CancellationToken ct) => Result(await Rollouts(context).GetAsync(id, ct)))
            .WithName("GetRollout").WithSummary("A rollout's state, wave, counts per state and failures by errcode.")
            .Produces<RolloutDto>().Produces<ApiProblem>(StatusCodes.Status404NotFound, "application/problem+json");
        keyed.MapPost(ProfileRoutes.RolloutControl, async (string id, string verb, HttpContext context, CancellationToken ct) => Result(await Rollouts(context).ControlAsync(id, verb, ct)))
            .WithName("ControlRollout").WithSummary("pause, resume or abort a rollout.")
            .Produces<RolloutDto>().Produces<ApiProblem>(StatusCodes.Status409Conflict, "application/problem+json");
        keyed.MapPost(ProfileRoutes.DriftScan, async (HttpContext context, CancellationToken ct) => Result(await Drift(context).ScanNowAsync(ct)))
            .WithName("ScanDrift").WithSummary("Reads every assigned authorizer's domains now (quota-free gets, spread).")
            .Produces<DriftScanResult>(StatusCodes.Status202Accepted);
        keyed.MapGet(ProfileRoutes.Drift, async (HttpContext context, CancellationToken ct) => Result(await Drift(context).ListAsync(ct)))
            .WithName("GetDrift").WithSummary("Every authorizer whose last read domains differ from its profile.").Produces<DriftDto>();
        return endpoints;
    }

    private static DriftService Drift(HttpContext context) => context.RequestServices.GetRequiredService<DriftService>();

    private static async Task<IResult> StartRolloutAsync(string name, HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBodyReader.ReadAsync(request, ProfileConstants.MaxProfileBytes, cancellationToken);
        return Result(await Rollouts(request.HttpContext).StartAsync(name, body ?? [], cancellationToken));
    }

    private static RolloutService Rollouts(HttpContext context) => context.RequestServices.GetRequiredService<RolloutService>();

    private static async Task<IResult> PutAsync(string name, HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBodyReader.ReadAsync(request, ProfileConstants.MaxProfileBytes, cancellationToken);
        return body is null
            ? Result(ApiResult.Problem(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", $"At most {ProfileConstants.MaxProfileBytes} bytes."))
            : Result(await Handlers(request.HttpContext).PutAsync(name, body, cancellationToken));
    }

    private static async Task<IResult> AssignAsync(string appid, HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBodyReader.ReadAsync(request, ProfileConstants.MaxProfileBytes, cancellationToken);
        return Result(await Handlers(request.HttpContext).AssignAsync(appid, body ?? [], cancellationToken));
    }

    private static async Task<IResult> PlanAsync(string name, HttpRequest request, CancellationToken cancellationToken)
    {
        var query = request.Query.ToDictionary(p => p.Key, p => (string?)p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return Result(await Handlers(request.HttpContext).PlanAsync(name, query, cancellationToken));
    }

    private static ProfileHandlers Handlers(HttpContext context) => context.RequestServices.GetRequiredService<ProfileHandlers>();

    private static ApiHttpResult Result(ApiResult result) => new(result);
}
