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

    /// <summary>The lines that hold any of <paramref name="secrets"/> (with the secret masked in the report).</summary>
    public static IReadOnlyList<string> Leaks(IEnumerable<string> lines, IReadOnlyList<string> secrets)
    {
        var set = secrets.Where(s => s.Length >= 3).ToArray();
        return [.. lines
            .Select(line => (line, secret: set.FirstOrDefault(s => line.Contains(s, StringComparison.Ordinal))))
            .Where(x => x.secret is not null)
            .Select(x => x.line.Replace(x.secret!, "<SECRET>", StringComparison.Ordinal))];
    }
}
