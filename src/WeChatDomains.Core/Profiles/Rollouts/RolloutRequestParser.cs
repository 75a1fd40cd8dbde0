using System.Text.Json;
using WeChatDomains.Core.Api;

namespace WeChatDomains.Core.Profiles.Rollouts;

/// <summary>Reads <c>{ "canary": 1, "waves": [10, 50, 100], "maxFailureRate": 0.1 }</c>, listing every reason it is refused.</summary>
public static class RolloutRequestParser
{
    /// <summary>The request, or every reason.</summary>
    public static (RolloutRequest? Request, IReadOnlyList<ApiError> Errors) Parse(ReadOnlySpan<byte> utf8)
    {
        var errors = new List<ApiError>();
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8.ToArray());
        }
        catch (JsonException)
        {
            return (null, [new ApiError("$", "the body is not valid JSON")]);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return (null, [new ApiError("$", "the body must be a JSON object")]);
            }

            foreach (var property in root.EnumerateObject().Where(p => p.Name is not ("canary" or "waves" or "maxFailureRate")))
            {
                errors.Add(new ApiError(property.Name, "unknown field; allowed fields are canary, waves, maxFailureRate"));
            }

            var canary = root.TryGetProperty("canary", out var c) && c.ValueKind == JsonValueKind.Number && c.TryGetInt32(out var n) && n >= 0 ? n : -1;
            if (canary < 0)
            {
                errors.Add(new ApiError("canary", "is required: how many authorizers the canary wave takes (0 or more)"));
            }

            var waves = new List<int>();
            if (root.TryGetProperty("waves", out var w) && w.ValueKind == JsonValueKind.Array)
            {
                waves.AddRange(w.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var p) ? p : -1));
            }

            if (waves.Count == 0 || waves.Any(p => p is < 1 or > 100) || waves.Zip(waves.Skip(1)).Any(p => p.Second <= p.First) || waves[^1] != 100)
            {
                errors.Add(new ApiError("waves", "must be percentages from 1 to 100, rising, the last one 100"));
            }

            var rate = root.TryGetProperty("maxFailureRate", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetDouble() : -1;
            if (rate is < 0 or > 1)
            {
                errors.Add(new ApiError("maxFailureRate", "is required: the share of a wave's authorizers that may fail, from 0 to 1"));
            }

            return errors.Count == 0 ? (new RolloutRequest(canary, waves, rate), []) : (null, errors);
        }
    }
}
