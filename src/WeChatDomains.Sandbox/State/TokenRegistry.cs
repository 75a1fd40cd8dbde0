using System.Security.Cryptography;

namespace WeChatDomains.Sandbox.State;

/// <summary>Whose token it is.</summary>
internal enum TokenKind
{
    Component,
    Authorizer,
}

/// <summary>What a presented token turned out to be.</summary>
internal enum TokenCheck
{
    Valid,
    Missing,
    Invalid,
    Expired,
}

/// <summary>
/// Access tokens issued by the sandbox, with expiry on the sandbox clock. Issuing a new token for a subject cuts the
/// previous one down to <see cref="SandboxConstants.ReplacedTokenGrace"/>. Guarded by the sandbox lock.
/// </summary>
internal sealed class TokenRegistry(TimeSpan lifetime)
{
    private const int SweepThreshold = 4096;

    private readonly Dictionary<string, IssuedToken> _tokens = new(StringComparer.Ordinal);
    private readonly Dictionary<(TokenKind Kind, string Subject), string> _latest = [];
    private int _sweepAt = SweepThreshold;

    /// <summary>How long every token issued lasts (<see cref="SandboxOptions.TokenLifetime"/>).</summary>
    public TimeSpan Lifetime => lifetime;

    /// <summary>The lifetime in whole seconds, as <c>expires_in</c> says it.</summary>
    public int LifetimeSeconds => (int)lifetime.TotalSeconds;

    public string Issue(TokenKind kind, string subject, DateTimeOffset now)
    {
        if (_latest.TryGetValue((kind, subject), out var previous) && _tokens.TryGetValue(previous, out var old))
        {
            var cut = now + SandboxConstants.ReplacedTokenGrace;
            if (old.ExpiresAt > cut)
            {
                _tokens[previous] = old with { ExpiresAt = cut };
            }
        }

        var token = NewToken();
        _tokens[token] = new IssuedToken(kind, subject, now + lifetime);
        _latest[(kind, subject)] = token;
        SweepIfLarge(now);
        return token;
    }

    public TokenCheck Check(string? token, TokenKind kind, DateTimeOffset now, out string subject)
    {
        subject = string.Empty;
        if (string.IsNullOrEmpty(token))
        {
            return TokenCheck.Missing;
        }

        if (!_tokens.TryGetValue(token, out var issued) || issued.Kind != kind)
        {
            return TokenCheck.Invalid;
        }

        subject = issued.Subject;
        return issued.ExpiresAt <= now ? TokenCheck.Expired : TokenCheck.Valid;
    }

    public void Clear()
    {
        _tokens.Clear();
        _latest.Clear();
        _sweepAt = SweepThreshold;
    }

    /// <summary>A random token in WeChat's alphabet (letters, digits, <c>_</c>, <c>-</c>).</summary>
    public static string NewToken(int bytes = 48) =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    private void SweepIfLarge(DateTimeOffset now)
    {
        if (_tokens.Count < _sweepAt)
        {
            return;
        }

        // Expired tokens are kept for a day so that they still answer 42001 rather than 40001.
        var horizon = now - TimeSpan.FromDays(1);
        foreach (var stale in _tokens.Where(t => t.Value.ExpiresAt < horizon).Select(t => t.Key).ToList())
        {
            _tokens.Remove(stale);
        }

        _sweepAt = Math.Max(SweepThreshold, _tokens.Count * 2);
    }

    private sealed record IssuedToken(TokenKind Kind, string Subject, DateTimeOffset ExpiresAt);
}
