namespace WeChatDomains.EndToEnd.Tests;

/// <summary>A command as <c>GET /api/commands/{id}</c> answers it (read from the wire, not from Core's types).</summary>
internal sealed record CommandView(
    string CommandId,
    string State,
    int Attempts,
    int? LastErrorCode,
    string? ErrorClass,
    DateTimeOffset? NextAttemptAt)
{
    private static readonly HashSet<string> Ends = ["Succeeded", "Failed", "Rejected", "Deferred"];

    public bool IsEnd => Ends.Contains(State);

    public bool IsFinal => State is "Succeeded" or "Failed" or "Rejected";
}

/// <summary>An authorizer as <c>GET /api/authorizers/{appid}</c> answers it.</summary>
internal sealed record AuthorizerView(string AppId, string State);

/// <summary>The submission answer (202).</summary>
internal sealed record SubmittedView(string CommandId, string State, string StatusUrl, bool Enqueued);

/// <summary>A 400/401 problem details answer.</summary>
internal sealed record ProblemView(string Title, int Status, IReadOnlyList<ProblemErrorView>? Errors);

internal sealed record ProblemErrorView(string Path, string Message);

/// <summary>What the sandbox's push routes answer.</summary>
internal sealed record PushResultView(bool Delivered, int? StatusCode, string? ResponseBody);
