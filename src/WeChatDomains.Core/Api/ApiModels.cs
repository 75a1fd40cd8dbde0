using System.Text.Json;
using WeChatDomains.Core.Status;

namespace WeChatDomains.Core.Api;

/// <summary>A command as the API shows it.</summary>
public sealed record CommandDto(
    string CommandId,
    string Api,
    string? Action,
    string? AuthorizerAppId,
    string? RequestedBy,
    CommandState State,
    int Attempts,
    int? LastErrorCode,
    string? LastErrorMessage,
    string? Rid,
    string? ErrorClass,
    string? Reason,
    bool NoChange,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt,
    JsonElement? Response,
    IReadOnlyList<AttemptDto>? AttemptHistory)
{
    /// <summary>Maps a record (and its attempts, when read).</summary>
    public static CommandDto From(CommandRecord record, IReadOnlyList<AttemptRecord>? attempts = null) => new(
        record.CommandId,
        record.Api,
        record.Action,
        record.AuthorizerAppId,
        record.RequestedBy,
        record.State,
        record.Attempts,
        record.LastErrorCode,
        record.LastErrorMessage,
        record.Rid,
        record.ErrorClass?.ToString(),
        record.Reason,
        record.NoChange,
        record.NextAttemptAt,
        record.CreatedAt,
        record.CompletedAt,
        ParseOrNull(record.Response),
        attempts?.Select(AttemptDto.From).ToList());

    internal static JsonElement? ParseOrNull(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>One attempt as the API shows it.</summary>
public sealed record AttemptDto(int Number, DateTimeOffset At, string Api, int ErrorCode, string? ErrorMessage, string? Rid, string ErrorClass, int? HttpStatus, double LatencyMs, int HttpAttempts)
{
    /// <summary>Maps an attempt record.</summary>
    public static AttemptDto From(AttemptRecord a) =>
        new(a.Number, a.At, a.Api, a.ErrorCode, a.ErrorMessage, a.Rid, a.ErrorClass.ToString(), a.HttpStatus, a.Latency.TotalMilliseconds, a.HttpAttempts);
}

/// <summary>The answer to a submission.</summary>
public sealed record SubmittedDto(string CommandId, CommandState State, string StatusUrl, bool Enqueued);

/// <summary>A page of commands.</summary>
public sealed record CommandPageDto(IReadOnlyList<CommandDto> Items, string? Continuation);

/// <summary>An authorizer as the API shows it.</summary>
public sealed record AuthorizerDto(
    string AppId,
    AuthorizerState State,
    DateTimeOffset? AccessTokenExpiresAt,
    DateTimeOffset? LastRefreshAt,
    int? LastRefreshErrorCode,
    string? LastRefreshError,
    DateTimeOffset? AuthorizedAt,
    string Month,
    int ModificationsThisMonth,
    int MonthlyQuota,
    bool MonthSpent,
    JsonElement? ServerDomains,
    JsonElement? WebviewDomains,
    DateTimeOffset? DomainsObservedAt)
{
    /// <summary>Its domain profile: name, version, whether it matches, its drift (DESIGN section 10); absent without one.</summary>
    public Profiles.ProfileStanding? Profile { get; init; }

    /// <summary>Maps the status view.</summary>
    public static AuthorizerDto From(AuthorizerView view) => new(
        view.Authorizer.AppId,
        view.Authorizer.State,
        view.Authorizer.AccessTokenExpiresAt,
        view.Authorizer.LastRefreshAt,
        view.Authorizer.LastRefreshErrorCode,
        view.Authorizer.LastRefreshError,
        view.Authorizer.AuthorizedAt,
        view.Month,
        view.ModificationsThisMonth,
        view.MonthlyQuota,
        view.MonthSpent,
        EffectiveServer(view.Authorizer),
        EffectiveWebview(view.Authorizer),
        view.Authorizer.DomainsObservedAt);

    /// <summary>
    /// The server domains WeChat uses as last known: the union of the sources read (so a modification since the last get
    /// shows), or the effective view an entry written before the sources were kept apart holds.
    /// </summary>
    private static JsonElement? EffectiveServer(AuthorizerRecord record) =>
        Profiles.ObservedDomains.From(record).Effective().Server is { } server
            ? JsonSerializer.SerializeToElement(server)
            : CommandDto.ParseOrNull(record.ServerDomains);

    private static JsonElement? EffectiveWebview(AuthorizerRecord record) =>
        Profiles.ObservedDomains.From(record).Effective().Webview is { } webview
            ? JsonSerializer.SerializeToElement(webview)
            : CommandDto.ParseOrNull(record.WebviewDomains);
}

/// <summary>Health as the API shows it.</summary>
public sealed record HealthDto(
    bool Healthy,
    DateTimeOffset Now,
    double? TicketAgeSeconds,
    DateTimeOffset? ComponentTokenExpiresAt,
    DateTimeOffset? NearestAuthorizerTokenExpiry,
    long ActiveAuthorizers,
    long AuthorizersNeedingReauthorization,
    int DeferredCommands,
    int FailedCommands,
    IReadOnlyList<string> Problems)
{
    /// <summary>Maps the status view.</summary>
    public static HealthDto From(HealthView h) => new(
        h.Healthy, h.Now, h.TicketAge?.TotalSeconds, h.ComponentTokenExpiresAt, h.NearestAuthorizerTokenExpiry,
        h.ActiveAuthorizers, h.AuthorizersNeedingReauthorization, h.DeferredCommands, h.FailedCommands, h.Problems);
}
