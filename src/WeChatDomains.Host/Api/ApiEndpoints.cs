using WeChatDomains.Core.Api;
using WeChatDomains.Core.Ports;
using WeChatDomains.Host.Api.OpenApi;

namespace WeChatDomains.Host.Api;

/// <summary>The HTTP API of DESIGN section 8 under <c>/api</c>: Core's <see cref="ApiHandlers"/> behind the key check.</summary>
public static class ApiEndpoints
{
    /// <summary>Maps the API routes; every route but the WeChat push receiver needs the key.</summary>
    public static IEndpointRouteBuilder MapWeChatDomainsApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api");
        var keyed = api.MapGroup(string.Empty).AddEndpointFilter<ApiKeyFilter>().WithTags("Commands");

        keyed.MapPost(ApiRoutes.Commands, SubmitAsync)
            .WithName("SubmitCommand").WithSummary("Validates and enqueues a domain-change command.")
            .Accepts<CommandRequestSchema>("application/json")
            .Produces<SubmittedDto>(StatusCodes.Status202Accepted)
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, "application/problem+json")
            .Produces<ApiProblem>(StatusCodes.Status409Conflict, "application/problem+json")
            .Produces<ApiProblem>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")
            .Produces<ApiProblem>(StatusCodes.Status503ServiceUnavailable, "application/problem+json");
        keyed.MapGet(ApiRoutes.Commands, ListAsync)
            .WithName("ListCommands").WithSummary("Commands of an authorizer, or Failed/Deferred ones across authorizers (paged).")
            .Produces<CommandPageDto>().Produces<ApiProblem>(StatusCodes.Status400BadRequest, "application/problem+json");
        keyed.MapGet(ApiRoutes.Command, GetCommandAsync)
            .WithName("GetCommand").WithSummary("One command with its attempts.")
            .Produces<CommandDto>().Produces<ApiProblem>(StatusCodes.Status404NotFound, "application/problem+json");
        keyed.MapGet(ApiRoutes.Authorizer, GetAuthorizerAsync)
            .WithName("GetAuthorizer").WithSummary("An authorizer: state, token expiry, domains, quota used this month.")
            .Produces<AuthorizerDto>().Produces<ApiProblem>(StatusCodes.Status404NotFound, "application/problem+json");
        keyed.MapGet(ApiRoutes.Health, GetHealthAsync)
            .WithName("GetHealth").WithSummary("Ticket age, token expiries, deferred and failed counts.")
            .Produces<HealthDto>();

        api.MapPost(ApiRoutes.WeChatEvents, ReceiveEventAsync)
            .AllowAnonymous().WithTags("WeChat").WithName("WeChatEvents")
            .WithSummary("WeChat's push receiver (anonymous; trusts only a valid msg_signature).")
            .Accepts<string>("text/xml")
            .Produces<string>(StatusCodes.Status200OK, "text/plain");
        return endpoints;
    }

    private static async Task<IResult> SubmitAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBodyReader.ReadAsync(request, HostConstants.MaxCommandBodyBytes, cancellationToken);
        if (body is null)
        {
            return TooLarge(HostConstants.MaxCommandBodyBytes);
        }

        var submission = await Handlers(request.HttpContext).SubmitAsync(body, cancellationToken);
        if (submission.ToEnqueue is { } command)
        {
            try
            {
                await request.HttpContext.RequestServices.GetRequiredService<ICommandSender>().EnqueueAsync(command.CommandId, command.SessionKey, command.Body, null, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.EnqueueFailed(request.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ApiEndpoints)), command.CommandId, e);
                return new ApiHttpResult(ApiResult.Problem(StatusCodes.Status503ServiceUnavailable, "The command was recorded but could not be enqueued.", "Submit the same command again."));
            }
        }

        return new ApiHttpResult(submission.Result);
    }

    private static async Task<IResult> ListAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var query = request.Query.ToDictionary(p => p.Key, p => (string?)p.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        return new ApiHttpResult(await Handlers(request.HttpContext).ListCommandsAsync(query, cancellationToken));
    }

    private static async Task<IResult> GetCommandAsync(string commandId, HttpContext context, CancellationToken cancellationToken) =>
        new ApiHttpResult(await Handlers(context).GetCommandAsync(commandId, cancellationToken));

    private static async Task<IResult> GetAuthorizerAsync(string appid, HttpContext context, CancellationToken cancellationToken) =>
        new ApiHttpResult(await Handlers(context).GetAuthorizerAsync(appid, cancellationToken));

    private static async Task<IResult> GetHealthAsync(HttpContext context, CancellationToken cancellationToken) =>
        new ApiHttpResult(await Handlers(context).GetHealthAsync(cancellationToken));

    private static async Task<IResult> ReceiveEventAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var body = await RequestBodyReader.ReadAsync(request, ApiRoutes.MaxEventBodyBytes, cancellationToken);
        if (body is null)
        {
            return TooLarge(ApiRoutes.MaxEventBodyBytes);
        }

        var rawQuery = request.QueryString.HasValue ? request.QueryString.Value! : string.Empty;
        var receiver = request.HttpContext.RequestServices.GetRequiredService<IPushEventReceiver>();
        return new ApiHttpResult(await receiver.ReceiveAsync(rawQuery, body, cancellationToken));
    }

    /// <summary>Resolved inside the handler, so that the key check runs before any service is built.</summary>
    private static ApiHandlers Handlers(HttpContext context) => context.RequestServices.GetRequiredService<ApiHandlers>();

    private static ApiHttpResult TooLarge(int maxBytes) =>
        new(ApiResult.Problem(StatusCodes.Status413PayloadTooLarge, "The request body is too large.", $"At most {maxBytes} bytes."));
}
