using System.Net;
using System.Text;
using System.Text.Json;
using WeChatDomains.Azure.Queues;
using WeChatDomains.Bench.Infra;
using WeChatDomains.Testing;

namespace WeChatDomains.Bench.Drills;

/// <summary>What the corpus drill saw.</summary>
internal sealed record CorpusResult(int Cases, IReadOnlyDictionary<int, int> ApiStatuses, int ApiWithoutReasons, int Enqueued, int TooBigForQueue,
    int DeadLettered, IReadOnlyDictionary<string, int> DeadLetterReasons, int DeadLetteredWithoutDescription, long SandboxCalls,
    int LogLines, IReadOnlyList<string> Leaks)
{
    /// <summary>Cases that did not end as expected, and the first error lines of the Host.</summary>
    public IReadOnlyList<string> Odd { get; init; } = [];

    public IReadOnlyList<string> ErrorLines { get; init; } = [];

    public void Print()
    {
        Figures.Print($"drill-corpus: {Cases} bad commands (tests/WeChatDomains.Core.Tests/Commands/Corpus/bad)");
        Figures.Print($"  through the API: {string.Join(", ", ApiStatuses.Select(s => $"HTTP {s.Key}: {s.Value}"))}; answers without reasons: {ApiWithoutReasons}");
        Figures.Print($"  through the queue: {Enqueued} enqueued ({TooBigForQueue} too big for a queue message), {DeadLettered} dead-lettered: {string.Join(", ", DeadLetterReasons.Select(r => $"{r.Key} {r.Value}"))}; without reasons: {DeadLetteredWithoutDescription}");
        Figures.Print($"  WeChat calls reaching the sandbox: {SandboxCalls}");
        Figures.Print($"  log lines scanned: {LogLines}; lines with a secret: {Leaks.Count}");
        foreach (var line in Odd.Concat(ErrorLines))
        {
            Figures.Print("    " + line);
        }
    }
}

/// <summary>
/// Every bad case of the validation corpus sent through <c>POST /api/commands</c> (400 with every reason) and put raw
/// on the command queue (Rejected: dead-lettered with its reasons), with the sandbox counting zero WeChat calls.
/// </summary>
internal static class CorpusDrill
{
    private const int QueueMessageLimit = 48 * 1024;
    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    public static async Task<CorpusResult> RunAsync(TimeSpan limit)
    {
        var files = Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "tests", "WeChatDomains.Core.Tests", "Commands", "Corpus", "bad"), "*.json")
            .Order(StringComparer.Ordinal).ToArray();
        var cases = files.Select(Load).ToArray();
        await using var world = await BenchWorld.StartAsync(PairsDrill.FastRecovery);
        await world.OnboardAsync(1, domains: 0);
        var callsBefore = await world.SandboxCallsAsync();

        var statuses = new Dictionary<int, int>();
        var withoutReasons = 0;
        var odd = new List<string>();
        foreach (var (body, file) in cases.Zip(files))
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            var (status, text) = await PostAsync(world, content);
            statuses[status] = statuses.GetValueOrDefault(status) + 1;
            withoutReasons += (status == 400 && text.Contains("\"errors\"", StringComparison.Ordinal)) || (status == 413 && text.Contains("\"detail\"", StringComparison.Ordinal)) ? 0 : 1;
            if (status != 400)
            {
                odd.Add($"{Path.GetFileName(file)} ({body.Length} bytes): HTTP {status} {text[..Math.Min(200, text.Length)]}");
            }
        }

        var queued = cases.Where(c => c.Length <= QueueMessageLimit).ToArray();
        foreach (var body in queued)
        {
            await world.EnqueueAsync(body);
        }

        var envelopes = await DrainPoisonAsync(world, queued.Length, limit);
        var leaks = SecretScan.Leaks(world.Host.Logs.Lines, SecretScan.Secrets(world.Sandbox));
        return new CorpusResult(
            cases.Length, statuses, withoutReasons, queued.Length, cases.Length - queued.Length, envelopes.Count,
            envelopes.GroupBy(e => e.Reason).ToDictionary(g => g.Key, g => g.Count()),
            envelopes.Count(e => string.IsNullOrWhiteSpace(e.Description)),
            await world.SandboxCallsAsync() - callsBefore, world.Host.Logs.Count, leaks)
        {
            Odd = [.. odd, .. envelopes.Where(e => e.Reason is not ("Rejected" or "InvalidMessage")).Select(e => $"queued {e.Body?[..Math.Min(80, e.Body.Length)]}: {e.Reason}")],
            ErrorLines = [.. world.Host.Logs.Lines.Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.Contains("Exception", StringComparison.Ordinal)).Take(40)],
        };
    }

    /// <summary>
    /// Posts a case on a connection of its own (the Host closes the connection after refusing an oversized body, which
    /// must not fail the next case); a connection closed before an answer counts as status 0.
    /// </summary>
    private static async Task<(int Status, string Text)> PostAsync(BenchWorld world, HttpContent content)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("api/commands", UriKind.Relative)) { Content = content };
            request.Headers.ConnectionClose = true;
            using var response = await world.Api.SendAsync(request);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
        }
        catch (HttpRequestException e)
        {
            return (0, "connection closed: " + e.Message);
        }
    }

    private static async Task<List<PoisonEnvelope>> DrainPoisonAsync(BenchWorld world, int expected, TimeSpan limit)
    {
        var envelopes = new List<PoisonEnvelope>();
        var poison = world.PoisonQueue;
        await Poll.UntilAsync(
            async () =>
            {
                var batch = await poison.ReceiveMessagesAsync(32, TimeSpan.FromMinutes(5));
                foreach (var message in batch.Value)
                {
                    envelopes.Add(JsonSerializer.Deserialize<PoisonEnvelope>(message.Body.ToString(), WebJson)!);
                }

                return envelopes.Count >= expected;
            },
            limit,
            $"{expected} bad commands are dead-lettered ({envelopes.Count} so far)",
            TimeSpan.FromMilliseconds(250));
        return envelopes;
    }

    /// <summary>The message bytes of a corpus case (its README: command, commandRaw or commandBase64).</summary>
    private static byte[] Load(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        var root = document.RootElement;
        if (root.TryGetProperty("commandBase64", out var base64))
        {
            return Convert.FromBase64String(base64.GetString()!);
        }

        if (root.TryGetProperty("commandRaw", out var raw))
        {
            return Encoding.UTF8.GetBytes(raw.GetString()!);
        }

        return Encoding.UTF8.GetBytes(root.GetProperty("command").GetRawText());
    }
}
