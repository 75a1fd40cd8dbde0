namespace WeChatDomains.Testing;

/// <summary>One request as <see cref="RecordingWeChatServer"/> received it.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, e.g. <c>/wxa/modify_domain</c>.</param>
/// <param name="Query">The raw query string including its <c>?</c>, or empty.</param>
/// <param name="Body">The raw UTF-8 body.</param>
public sealed record RecordedRequest(string Method, string Path, string Query, string Body)
{
    /// <summary>The path and query, as the client put them on the wire.</summary>
    public string PathAndQuery => Path + Query;
}

/// <summary>What <see cref="RecordingWeChatServer"/> does with one request.</summary>
public sealed record ScriptedReply
{
    /// <summary>The HTTP status (200 unless told).</summary>
    public int Status { get; init; } = 200;

    /// <summary>The body, sent as <c>application/json</c>; null sends none.</summary>
    public string? Body { get; init; }

    /// <summary>Real time to wait before answering (keep it short; tests do not sleep).</summary>
    public TimeSpan Delay { get; init; }

    /// <summary>Drop the connection after reading the request, without answering.</summary>
    public bool Abort { get; init; }

    /// <summary>Never answer: hold the request until the client gives up or the server stops.</summary>
    public bool Hang { get; init; }

    /// <summary>A 200 with this JSON body.</summary>
    public static ScriptedReply Json(string body) => new() { Body = body };

    /// <summary><c>{"errcode":0,"errmsg":"ok"}</c>.</summary>
    public static ScriptedReply Ok() => Json("""{"errcode":0,"errmsg":"ok"}""");

    /// <summary>A 200 carrying a WeChat errcode and errmsg.</summary>
    public static ScriptedReply Error(int errcode, string errmsg) =>
        Json($$"""{"errcode":{{errcode}},"errmsg":"{{errmsg}}"}""");

    /// <summary>An HTTP status with an optional body.</summary>
    public static ScriptedReply HttpStatus(int status, string? body = null) => new() { Status = status, Body = body };

    /// <summary>The connection is dropped after the request was read.</summary>
    public static ScriptedReply AbortConnection() => new() { Abort = true };

    /// <summary>No answer at all, until the client times out.</summary>
    public static ScriptedReply NoAnswer() => new() { Hang = true };
}
