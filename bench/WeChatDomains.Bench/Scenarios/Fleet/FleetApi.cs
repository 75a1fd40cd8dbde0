using System.Text;
using System.Text.Json.Nodes;
using WeChatDomains.Bench.Infra;

namespace WeChatDomains.Bench.Scenarios.Fleet;

/// <summary>The plan's totals as <c>GET /api/profiles/{name}/plan</c> answered them.</summary>
internal sealed record PlanTotalsSeen(int Version, int Authorizers, int Unchanged, int ToChange, int Modifications, int BlockedByQuota, int Unobserved, int Calls, int PlatformCalls);

/// <summary>One authorizer of a plan page.</summary>
internal sealed record PlannedAuthorizer(string AppId, int ModificationsNeeded, int Changes);

/// <summary>
/// The Host's profile and rollout routes as the bench calls them, with a client of its own: planning and starting a
/// rollout read the whole fleet in one request, which takes longer than the world's 30 s client allows at 100,000.
/// </summary>
internal sealed class FleetApi : IDisposable
{
    private readonly HttpClient _http;

    public FleetApi(Uri baseAddress)
    {
        _http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromMinutes(30) };
        _http.DefaultRequestHeaders.Add("x-functions-key", HostProcess.ApiKey);
    }

    public void Dispose() => _http.Dispose();

    public async Task<int> PutProfileAsync(string name, string json)
    {
        var answer = await SendAsync(HttpMethod.Put, $"api/profiles/{name}", json);
        return (int)answer.Body["version"]!;
    }

    /// <summary>One plan page: the totals (over the whole fleet), the page's authorizers, and how long the call took.</summary>
    public async Task<(PlanTotalsSeen Totals, IReadOnlyList<PlannedAuthorizer> Page, TimeSpan Took)> PlanAsync(string name, int pageSize)
    {
        var answer = await SendAsync(HttpMethod.Get, $"api/profiles/{name}/plan?pageSize={pageSize}", null);
        var t = answer.Body["totals"]!;
        var totals = new PlanTotalsSeen(
            (int)answer.Body["version"]!, (int)t["authorizers"]!, (int)t["unchanged"]!, (int)t["toChange"]!, (int)t["modifications"]!,
            (int)t["blockedByQuota"]!, (int)t["unobserved"]!, (int)t["calls"]!, answer.Body["platformChanges"]!.AsArray().Count);
        var page = answer.Body["authorizers"]!.AsArray()
            .Select(a => new PlannedAuthorizer((string)a!["appId"]!, (int)a["modificationsNeeded"]!, a["changes"]!.AsArray().Count))
            .ToList();
        return (totals, page, answer.Took);
    }

    public async Task<(string RolloutId, TimeSpan Took)> StartRolloutAsync(string name, string request)
    {
        var answer = await SendAsync(HttpMethod.Post, $"api/profiles/{name}/rollouts", request);
        return ((string)answer.Body["rolloutId"]!, answer.Took);
    }

    public async Task<(JsonNode Body, TimeSpan Took)> GetAsync(string path)
    {
        var answer = await SendAsync(HttpMethod.Get, path, null);
        return (answer.Body, answer.Took);
    }

    private async Task<(JsonNode Body, TimeSpan Took)> SendAsync(HttpMethod method, string path, string? json)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (json is not null)
        {
            request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        }

        var started = TimeProvider.System.GetTimestamp();
        using var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var took = TimeProvider.System.GetElapsedTime(started);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} was answered {(int)response.StatusCode}: {text}");
        }

        return (JsonNode.Parse(text)!, took);
    }
}
