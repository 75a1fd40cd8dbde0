using WeChatDomains.Azure.Faults;
using WeChatDomains.Azure.Operations;

namespace WeChatDomains.Host.Api;

/// <summary>
/// The storage operation counts (<see cref="StorageOperationCounter"/>) under <c>/api/</c><see cref="StorageOperationConstants.Route"/>,
/// behind the key: GET reads them, DELETE starts them again from zero. Mapped only when <c>StorageOperations:Count</c> is
/// on (bench and tests); otherwise the route does not exist.
/// </summary>
public static class DiagnosticsEndpoints
{
    /// <summary>Maps the routes when the process counts its storage operations.</summary>
    public static IEndpointRouteBuilder MapStorageOperationDiagnostics(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetRequiredService<StorageClientPolicies>().Counter is not { } counter)
        {
            return endpoints;
        }

        var keyed = endpoints.MapGroup("/api").AddEndpointFilter<ApiKeyFilter>().WithTags("Diagnostics").ExcludeFromDescription();
        keyed.MapGet(StorageOperationConstants.Route, () => Results.Ok(counter.Snapshot()));
        keyed.MapDelete(StorageOperationConstants.Route, () =>
        {
            counter.Reset();
            return Results.NoContent();
        });
        return endpoints;
    }
}
