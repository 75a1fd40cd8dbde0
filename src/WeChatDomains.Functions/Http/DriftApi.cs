using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using WeChatDomains.Core.Profiles;
using WeChatDomains.Core.Profiles.Drift;

namespace WeChatDomains.Functions.Http;

/// <summary><c>POST /api/drift/scan</c> and <c>GET /api/drift</c> (function keys), and the daily drift timer: thin triggers over Core's <see cref="DriftService"/>.</summary>
public sealed class DriftApi(DriftService drift)
{
    /// <summary>Scans now.</summary>
    [Function(FunctionNames.ScanDriftNow)]
    public async Task<IActionResult> ScanAsync(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = ProfileRoutes.DriftScan)] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ApiActionResult(await drift.ScanNowAsync(cancellationToken));

    /// <summary>The drift list.</summary>
    [Function(FunctionNames.GetDrift)]
    public async Task<IActionResult> GetAsync(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = ProfileRoutes.Drift)] HttpRequest request,
        CancellationToken cancellationToken) =>
        new ApiActionResult(await drift.ListAsync(cancellationToken));

    /// <summary>The daily scan.</summary>
    [Function(FunctionNames.ScanDrift)]
    public Task RunAsync([TimerTrigger(FunctionsConstants.ScanDriftSchedule)] TimerInfo timer, CancellationToken cancellationToken) =>
        drift.ScanAsync(cancellationToken);
}
