using WeChatDomains.Sandbox.Wire;

namespace WeChatDomains.Sandbox.Faults;

/// <summary>
/// Draws the faults of each call from the current <see cref="FaultSettings"/>. Every call draws the same number of
/// values from one seeded <see cref="Random"/> under a lock, so a seeded run is repeatable call by call.
/// </summary>
internal sealed class FaultInjector
{
    public const string EveryApi = "*";
    private const int DrawsPerCall = 5;

    private readonly Lock _gate = new();
    private FaultSettings _settings = new();
    private Random _random = new();

    public FaultSettings Settings
    {
        get
        {
            lock (_gate)
            {
                return _settings;
            }
        }
    }

    public void Replace(FaultSettings settings)
    {
        lock (_gate)
        {
            _settings = settings;
            _random = settings.Seed is { } seed ? new Random(seed) : new Random();
        }
    }

    public void Clear() => Replace(new FaultSettings());

    public FaultPlan Plan(string api)
    {
        Span<double> draws = stackalloc double[DrawsPerCall];
        ApiFaults? faults;
        lock (_gate)
        {
            faults = _settings.Apis.GetValueOrDefault(api) ?? _settings.Apis.GetValueOrDefault(EveryApi);
            if (faults is null)
            {
                return FaultPlan.None;
            }

            for (var i = 0; i < draws.Length; i++)
            {
                draws[i] = _random.NextDouble();
            }
        }

        return new FaultPlan(
            TimeSpan.FromMilliseconds(faults.LatencyMs),
            Drop: draws[0] < faults.Drop,
            Http5xx: draws[1] < faults.Http5xx,
            Errcode: PickErrcode(faults.Errcodes, draws[2]),
            AppliedThenFail: draws[3] < faults.AppliedThenFail,
            FailByDrop: draws[4] < 0.5);
    }

    /// <summary>Null when the settings are valid, else why not.</summary>
    public static string? Validate(FaultSettings settings)
    {
        foreach (var (api, faults) in settings.Apis)
        {
            if (api != EveryApi && !WeChatRoutes.ApiNames.Contains(api))
            {
                return $"unknown api '{api}'; use one of {string.Join(", ", WeChatRoutes.ApiNames)} or '*'";
            }

            if (faults is null)
            {
                return $"{api}: faults missing";
            }

            double[] probabilities = [faults.Http5xx, faults.Drop, faults.AppliedThenFail, .. faults.Errcodes.Values];
            if (probabilities.Any(p => p is < 0 or > 1 || double.IsNaN(p)) || faults.Errcodes.Values.Sum() > 1)
            {
                return $"{api}: probabilities must be within 0..1 and errcodes must sum to at most 1";
            }

            if (faults.LatencyMs is < 0 or > 600_000)
            {
                return $"{api}: latencyMs must be within 0..600000";
            }
        }

        return null;
    }

    private static int? PickErrcode(Dictionary<int, double> errcodes, double draw)
    {
        var cumulative = 0d;
        foreach (var (code, probability) in errcodes.OrderBy(e => e.Key))
        {
            cumulative += probability;
            if (draw < cumulative)
            {
                return code;
            }
        }

        return null;
    }
}
