using System.Globalization;
using System.Text.Json;
using WeChatDomains.Core.Api;

namespace WeChatDomains.Core.Profiles;

/// <summary>The endpoint logic of the profile routes, written once for both hosts (keys are the host's concern).</summary>
public sealed class ProfileHandlers(IProfileStore store, FleetPlanner planner, TimeProvider time)
{
    /// <summary>PUT /api/profiles/{name}: validates and stores the next version (201 for version 1, else 200).</summary>
    public async Task<ApiResult> PutAsync(string name, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        if (body.Length > ProfileConstants.MaxProfileBytes)
        {
            return ApiResult.Problem(413, "The profile is too large.", $"At most {ProfileConstants.MaxProfileBytes} bytes.");
        }

        var parsed = ProfileParser.Parse(name, body.Span);
        if (parsed.Profile is null)
        {
            var errors = parsed.Errors.Select(e => new ApiError(e.Path, e.Message)).ToList();
            return ApiResult.Problem(400, "The profile is invalid.", $"{errors.Count} reason(s); nothing was stored.", errors);
        }

        var stored = await store.SaveNewVersionAsync(parsed.Profile, time.GetUtcNow(), cancellationToken);
        return new ApiResult(stored.Version == 1 ? 201 : 200, ProfileDto.From(stored), ProfileUrl(name));
    }

    /// <summary>GET /api/profiles/{name}.</summary>
    public async Task<ApiResult> GetAsync(string name, CancellationToken cancellationToken = default) =>
        await store.GetAsync(name, cancellationToken) is { } profile ? ApiResult.Ok(ProfileDto.From(profile)) : NotFound(name);

    /// <summary>GET /api/profiles.</summary>
    public async Task<ApiResult> ListAsync(CancellationToken cancellationToken = default) =>
        ApiResult.Ok(new ProfileListDto((await store.ListAsync(cancellationToken)).Select(ProfileDto.From).ToList()));

    /// <summary>PUT /api/authorizers/{appid}/profile <c>{"profile":"name"}</c>.</summary>
    public async Task<ApiResult> AssignAsync(string appId, ReadOnlyMemory<byte> body, CancellationToken cancellationToken = default)
    {
        string? name = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind == JsonValueKind.Object &&
                document.RootElement.TryGetProperty("profile", out var value) && value.ValueKind == JsonValueKind.String)
            {
                name = value.GetString();
            }
        }
        catch (JsonException)
        {
        }

        if (string.IsNullOrEmpty(name))
        {
            return ApiResult.Problem(400, "Invalid assignment.", null, [new ApiError("profile", "must be the name of a profile, as {\"profile\":\"name\"}")]);
        }

        if (await store.GetAsync(name, cancellationToken) is null)
        {
            return NotFound(name);
        }

        await store.AssignAsync(appId, name, cancellationToken);
        return ApiResult.Ok(new AssignmentDto(appId, name));
    }

    /// <summary>GET /api/profiles/{name}/plan?pageSize=&amp;continuation=.</summary>
    public async Task<ApiResult> PlanAsync(string name, IReadOnlyDictionary<string, string?> query, CancellationToken cancellationToken = default)
    {
        var errors = new List<ApiError>();
        var pageSize = ReadInt(query, "pageSize", ProfileConstants.DefaultPlanPageSize, 1, ProfileConstants.MaxPlanPageSize, errors);
        var offset = ReadInt(query, "continuation", 0, 0, int.MaxValue, errors);
        if (errors.Count > 0)
        {
            return ApiResult.Problem(400, "Invalid query.", null, errors);
        }

        var profile = await store.GetAsync(name, cancellationToken);
        return profile is null ? NotFound(name) : ApiResult.Ok(await planner.PlanAsync(profile, offset, pageSize, cancellationToken));
    }

    /// <summary>The URL of a profile.</summary>
    public static string ProfileUrl(string name) => "/api/profiles/" + Uri.EscapeDataString(name);

    private static ApiResult NotFound(string name) => ApiResult.Problem(404, "No such profile.", name);

    private static int ReadInt(IReadOnlyDictionary<string, string?> query, string name, int fallback, int min, int max, List<ApiError> errors)
    {
        if (!query.TryGetValue(name, out var text) || string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }

        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        errors.Add(new ApiError(name, $"must be a whole number from {min} to {max}"));
        return fallback;
    }
}

/// <summary>A profile as the API shows it (the names of the PUT document, plus <c>name</c>, <c>version</c>, <c>createdAt</c>).</summary>
public sealed record ProfileDto(
    string Name, int Version, string Mode, PlatformTier? Platform, IReadOnlyDictionary<string, IReadOnlyList<string>> Server,
    IReadOnlyList<string> Webviewdomain, bool Default, bool AutoCorrect, DateTimeOffset CreatedAt)
{
    /// <summary>Maps a stored profile.</summary>
    public static ProfileDto From(DomainProfile p)
    {
        ArgumentNullException.ThrowIfNull(p);
        var mode = p.Mode == ProfileMode.Direct ? ProfileConstants.DirectMode : ProfileConstants.RegisteredMode;
        return new(p.Name, p.Version, mode, p.Platform, p.Server, p.WebviewDomain, p.IsDefault, p.AutoCorrect, p.CreatedAt);
    }
}

/// <summary>Every profile.</summary>
public sealed record ProfileListDto(IReadOnlyList<ProfileDto> Profiles);

/// <summary>An assignment.</summary>
public sealed record AssignmentDto(string AppId, string Profile);
