using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;

namespace WeChatDomains.Sandbox.Admin;

/// <summary>
/// Strict admin input (issues 12 and 14): an admin document with an unknown key, a wrong type or a missing required
/// member is a 400 problem that names the key, never silently ignored. One place: the app's JSON options refuse unmapped
/// members and honour required members and constructor parameters, and route handlers throw on a bad body so that
/// <see cref="SandboxExceptionMiddleware"/> can answer with <see cref="Problem"/>. The WeChat routes read their bodies
/// with their own options and stay as lenient as WeChat.
/// </summary>
internal static class StrictAdminJson
{
    public static IServiceCollection AddStrictAdminJson(this IServiceCollection services)
    {
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
            options.SerializerOptions.RespectRequiredConstructorParameters = true;
        });
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        return services;
    }

    /// <summary>The problem document of a refused admin body: the JSON reader's reason, which names the key and its path.</summary>
    public static ProblemModel Problem(BadHttpRequestException exception)
    {
        var reason = exception.InnerException is JsonException json ? json.Message : exception.Message;
        return new ProblemModel("the admin document was refused", StatusCodes.Status400BadRequest, reason);
    }
}

/// <summary>An RFC 9457 problem: what went wrong with an admin request.</summary>
public sealed record ProblemModel(string Title, int Status, string Detail);
