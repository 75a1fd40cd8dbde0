using System.Collections;
using System.Reflection;
using WeChatDomains.Sandbox;
using WeChatDomains.Testing;

namespace WeChatDomains.Bench.Drills;

/// <summary>
/// Looks for secrets in log lines: every access token the sandbox issued (read from its token registry), anything
/// with <c>@@@</c> (tickets, refresh tokens, authorization codes as the sandbox shapes them), the platform secret,
/// push token and EncodingAESKey.
/// </summary>
internal static class SecretScan
{
    public static IReadOnlyList<string> Secrets(SandboxServer sandbox)
    {
        var secrets = new List<string> { SandboxSeed.PlatformSecret, SandboxSeed.PlatformToken, SandboxSeed.EncodingAesKey, "@@@" };
        var stateType = typeof(SandboxSeed).Assembly.GetType("WeChatDomains.Sandbox.State.SandboxState", throwOnError: true)!;
        var state = sandbox.Services.GetService(stateType) ?? throw new InvalidOperationException("The sandbox has no state.");
        var registry = stateType.GetProperty("Tokens")!.GetValue(state)!;
        var tokens = (IDictionary)registry.GetType().GetField("_tokens", BindingFlags.NonPublic | BindingFlags.Instance)!.GetValue(registry)!;
        lock (state)
        {
            secrets.AddRange(tokens.Keys.Cast<string>());
        }

        return secrets;
    }

    /// <summary>
    /// The lines that hold any of <paramref name="secrets"/> (with the secret masked in the report). Secrets made only of
    /// token characters (letters, digits, <c>-</c>, <c>_</c>) are looked up by hash in every long enough run of such
    /// characters, so that scanning a long drill's log for thousands of issued tokens stays linear; the others are
    /// searched as substrings.
    /// </summary>
    public static IReadOnlyList<string> Leaks(IEnumerable<string> lines, IReadOnlyList<string> secrets)
    {
        var set = secrets.Where(s => s.Length >= 3).Distinct(StringComparer.Ordinal).ToArray();
        var others = set.Where(s => !s.All(IsTokenChar)).ToArray();
        var words = set.Where(s => s.All(IsTokenChar)).GroupBy(s => s.Length)
            .Select(g => (Length: g.Key, Lookup: g.ToHashSet(StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>()))
            .OrderBy(g => g.Length)
            .ToArray();
        var leaks = new List<string>();
        foreach (var line in lines)
        {
            var secret = others.FirstOrDefault(s => line.Contains(s, StringComparison.Ordinal)) ?? FindWord(line, words);
            if (secret is not null)
            {
                leaks.Add(line.Replace(secret, "<SECRET>", StringComparison.Ordinal));
            }
        }

        return leaks;
    }

    private static string? FindWord(string line, (int Length, HashSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup)[] words)
    {
        if (words.Length == 0)
        {
            return null;
        }

        for (var start = 0; start < line.Length;)
        {
            if (!IsTokenChar(line[start]))
            {
                start++;
                continue;
            }

            var end = start;
            while (end < line.Length && IsTokenChar(line[end]))
            {
                end++;
            }

            foreach (var (length, lookup) in words)
            {
                for (var i = start; i + length <= end; i++)
                {
                    if (lookup.TryGetValue(line.AsSpan(i, length), out var found))
                    {
                        return found;
                    }
                }
            }

            start = end;
        }

        return null;
    }

    private static bool IsTokenChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '-' or '_';
}
