// COMPILE-ONLY CONTRACT (never deployed): mirrors Microsoft.Azure.Functions.Worker.Extensions.Http.
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace Microsoft.Azure.Functions.Worker;

/// <summary>Mirror of <c>AuthorizationLevel</c> (same members, same values).</summary>
public enum AuthorizationLevel
{
    /// <summary>No key.</summary>
    Anonymous = 0,

    /// <summary>User.</summary>
    User = 1,

    /// <summary>A function (or host) key.</summary>
    Function = 2,

    /// <summary>The master key.</summary>
    System = 3,

    /// <summary>Admin.</summary>
    Admin = 4,
}

/// <summary>Mirror of <c>HttpTriggerAttribute</c>.</summary>
public sealed class HttpTriggerAttribute : TriggerBindingAttribute
{
    /// <summary>Mirror of <c>HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods)</c>.</summary>
    public HttpTriggerAttribute(AuthorizationLevel authLevel, params string[] methods)
    {
        AuthLevel = authLevel;
        Methods = methods;
    }

    /// <summary>The route template, relative to the <c>api</c> prefix.</summary>
    public string? Route { get; set; }

    /// <summary>The HTTP methods.</summary>
    public string[]? Methods { get; }

    /// <summary>The key the caller must present.</summary>
    public AuthorizationLevel AuthLevel { get; set; }
}
