namespace WeChatDomains.Core.Api;

/// <summary>
/// An HTTP answer, independent of the host: status, a JSON body (or plain text), and an optional Location. Both hosts
/// (Functions and the self-host) turn it into their HTTP result, so the endpoint logic is written once.
/// </summary>
/// <param name="StatusCode">HTTP status code.</param>
/// <param name="Body">The JSON body (serialized with <see cref="ApiJson.Options"/>), or a string for text/plain.</param>
/// <param name="Location">The Location header, for 202.</param>
public sealed record ApiResult(int StatusCode, object? Body, string? Location = null)
{
    /// <summary>The content type the body is sent with.</summary>
    public string ContentType => Body switch
    {
        string => "text/plain; charset=utf-8",
        ApiProblem => "application/problem+json",
        _ => "application/json; charset=utf-8",
    };

    /// <summary>200 with a JSON body.</summary>
    public static ApiResult Ok(object body) => new(200, body);

    /// <summary>A problem details answer (RFC 9457).</summary>
    public static ApiResult Problem(int status, string title, string? detail = null, IReadOnlyList<ApiError>? errors = null) =>
        new(status, new ApiProblem("about:blank", title, status, detail, errors));
}

/// <summary>Problem details (RFC 9457) with the list of reasons a command was refused.</summary>
public sealed record ApiProblem(string Type, string Title, int Status, string? Detail, IReadOnlyList<ApiError>? Errors);

/// <summary>One reason: the field path and why.</summary>
public sealed record ApiError(string Path, string Message);
