namespace WeChatDomains.Sandbox.State;

/// <summary>The last pushed component_verify_tickets and the outstanding authorization codes. Guarded by the sandbox lock.</summary>
internal sealed class GrantLedger
{
    private readonly LinkedList<(string Ticket, DateTimeOffset PushedAt)> _tickets = new();
    private readonly Dictionary<string, (string AppId, DateTimeOffset ExpiresAt)> _codes = new(StringComparer.Ordinal);

    public void RememberTicket(string ticket, DateTimeOffset pushedAt)
    {
        _tickets.AddFirst((ticket, pushedAt));
        while (_tickets.Count > SandboxConstants.TicketsKept)
        {
            _tickets.RemoveLast();
        }
    }

    public bool IsCurrentTicket(string? ticket, DateTimeOffset now) =>
        !string.IsNullOrEmpty(ticket) &&
        _tickets.Any(t => string.Equals(t.Ticket, ticket, StringComparison.Ordinal) && now - t.PushedAt < SandboxConstants.TicketLifetime);

    public DateTimeOffset? LastTicketPushedAt => _tickets.First?.Value.PushedAt;

    public string IssueCode(string appId, DateTimeOffset expiresAt)
    {
        var code = "queryauthcode@@@" + TokenRegistry.NewToken(36);
        _codes[code] = (appId, expiresAt);
        return code;
    }

    /// <summary>Takes a code (single use). Null when unknown or used; <paramref name="expired"/> when past its time.</summary>
    public string? RedeemCode(string? code, DateTimeOffset now, out bool expired)
    {
        expired = false;
        if (string.IsNullOrEmpty(code) || !_codes.Remove(code, out var grant))
        {
            return null;
        }

        expired = grant.ExpiresAt <= now;
        return expired ? null : grant.AppId;
    }

    public void Clear()
    {
        _tickets.Clear();
        _codes.Clear();
    }
}
