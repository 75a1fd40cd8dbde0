using System.Globalization;
using WeChatDomains.Core.Diagnostics;
using WeChatDomains.Core.Processing;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Core.Api;

/// <summary>What a submission answers, and the message the host must enqueue before answering (if any).</summary>
public sealed record ApiSubmission(ApiResult Result, OutboundCommand? ToEnqueue);

/// <summary>
/// The endpoint logic of the HTTP API, written once for both hosts: each method takes plain inputs (route values, query
/// values, body bytes) and returns an <see cref="ApiResult"/>. Keys are the host's concern (Functions checks them itself;
/// the self-host checks them the same way before calling here).
/// </summary>
public sealed class ApiHandlers(CommandSubmission submission, StatusQueries status, TimeProvider time, Profiles.ProfileAssignments? profiles = null)
{
    private const int DefaultPageSize = 50;
    private static readonly TimeSpan DefaultFailedWindow = TimeSpan.FromDays(1);
    private static readonly TimeSpan DeferredLookBack = TimeSpan.FromDays(31);
    private static readonly TimeSpan DeferredLookAhead = TimeSpan.FromDays(62);

    /// <summary>POST /api/commands.</summary>
    public async Task<ApiSubmission> SubmitAsync(ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        if (body.Length > ApiRoutes.MaxCommandBodyBytes)
        {
            return new(ApiResult.Problem(413, "The command is too large.", $"At most {ApiRoutes.MaxCommandBodyBytes} bytes."), null);
        }

        using var step = StorageStep.Enter(StorageSteps.Submission);
        switch (await submission.SubmitAsync(body, cancellationToken))
        {
            case SubmissionResult.Rejected rejected:
                var errors = rejected.Reasons.Select(r => new ApiError(r.Path, r.Message)).ToList();
                return new(ApiResult.Problem(400, "The command is invalid.", $"{errors.Count} reason(s); nothing was enqueued.", errors), null);
            case SubmissionResult.Conflict conflict:
                return new(ApiResult.Problem(409, "The commandId is already used by a different command.", conflict.Existing.CommandId), null);
            case SubmissionResult.Accepted accepted:
                var url = ApiRoutes.CommandUrl(accepted.Record.CommandId);
                var dto = new SubmittedDto(accepted.Record.CommandId, accepted.Record.State, url, accepted.ToEnqueue is not null);
                return new(new ApiResult(202, dto, url), accepted.ToEnqueue);
            default:
                throw new InvalidOperationException("Unknown submission result.");
        }
    }

    /// <summary>GET /api/commands/{commandId}.</summary>
    public async Task<ApiResult> GetCommandAsync(string commandId, CancellationToken cancellationToken = default)
    {
        using var step = StorageStep.Enter(StorageSteps.Read);
        var details = await status.GetCommandAsync(commandId, cancellationToken);
        return details is null
            ? ApiResult.Problem(404, "No such command.", commandId)
            : ApiResult.Ok(CommandDto.From(details.Command, details.Attempts));
    }

    /// <summary>GET /api/commands?authorizer=&amp;state=&amp;since=&amp;until=&amp;pageSize=&amp;continuation=.</summary>
    public async Task<ApiResult> ListCommandsAsync(IReadOnlyDictionary<string, string?> query, CancellationToken cancellationToken = default)
    {
        var errors = new List<ApiError>();
        var authorizer = Value(query, "authorizer");
        var state = ParseState(Value(query, "state"), errors);
        var since = ParseTime(Value(query, "since"), "since", errors);
        var until = ParseTime(Value(query, "until"), "until", errors);
        var pageSize = ParsePageSize(Value(query, "pageSize"), errors);
        var continuation = Value(query, "continuation");
        if (authorizer is null && state is not (CommandState.Failed or CommandState.Deferred) && errors.Count == 0)
        {
            errors.Add(new("authorizer", "give an authorizer, or state=Failed or state=Deferred to list across authorizers"));
        }

        if (errors.Count > 0)
        {
            return ApiResult.Problem(400, "Invalid query.", null, errors);
        }

        using var step = StorageStep.Enter(StorageSteps.Read);
        Ports.Page<CommandRecord> page;
        if (authorizer is not null)
        {
            page = await status.ListByAuthorizerAsync(authorizer, pageSize, continuation, cancellationToken);
            var items = page.Items.Where(c => (state is null || c.State == state) && (since is null || c.CreatedAt >= since) && (until is null || c.CreatedAt < until));
            return ApiResult.Ok(new CommandPageDto(items.Select(c => CommandDto.From(c)).ToList(), page.Continuation));
        }

        var now = time.GetUtcNow();
        var (from, to) = state == CommandState.Failed
            ? (since ?? now - DefaultFailedWindow, until ?? now.AddMinutes(1))
            : (since ?? now - DeferredLookBack, until ?? now + DeferredLookAhead);
        page = await status.ListByStateAsync(state!.Value, from, to, pageSize, continuation, cancellationToken);
        return ApiResult.Ok(new CommandPageDto(page.Items.Select(c => CommandDto.From(c)).ToList(), page.Continuation));
    }

    /// <summary>GET /api/authorizers/{appid}.</summary>
    public async Task<ApiResult> GetAuthorizerAsync(string appId, CancellationToken cancellationToken = default)
    {
        using var step = StorageStep.Enter(StorageSteps.Read);
        var view = await status.GetAuthorizerAsync(appId, cancellationToken);
        if (view is null)
        {
            return ApiResult.Problem(404, "No such authorizer.", appId);
        }

        var standing = profiles is null ? null : await profiles.GetStandingAsync(appId, cancellationToken);
        return ApiResult.Ok(AuthorizerDto.From(view) with { Profile = standing });
    }

    /// <summary>GET /api/health.</summary>
    public async Task<ApiResult> GetHealthAsync(CancellationToken cancellationToken = default)
    {
        using var step = StorageStep.Enter(StorageSteps.Read);
        return ApiResult.Ok(HealthDto.From(await status.GetHealthAsync(cancellationToken)));
    }

    private static string? Value(IReadOnlyDictionary<string, string?> query, string name) =>
        query.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

    private static CommandState? ParseState(string? value, List<ApiError> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (Enum.TryParse<CommandState>(value, ignoreCase: true, out var state) && Enum.IsDefined(state))
        {
            return state;
        }

        errors.Add(new("state", $"'{value}' is not one of {string.Join(", ", Enum.GetNames<CommandState>())}"));
        return null;
    }

    private static DateTimeOffset? ParseTime(string? value, string name, List<ApiError> errors)
    {
        if (value is null)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time))
        {
            return time;
        }

        errors.Add(new(name, $"'{value}' is not an ISO 8601 time"));
        return null;
    }

    private static int ParsePageSize(string? value, List<ApiError> errors)
    {
        if (value is null)
        {
            return DefaultPageSize;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var size) && size is >= 1 and <= StatusQueries.MaxPageSize)
        {
            return size;
        }

        errors.Add(new("pageSize", $"must be a whole number from 1 to {StatusQueries.MaxPageSize}"));
        return DefaultPageSize;
    }
}
