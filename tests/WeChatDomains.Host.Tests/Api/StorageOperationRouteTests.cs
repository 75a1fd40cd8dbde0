using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using WeChatDomains.Azure.Faults;
using Moq;
using WeChatDomains.Azure.Operations;
using WeChatDomains.Core.Diagnostics;
using WeChatDomains.Core.Ports;
using WeChatDomains.Core.Status;
using WeChatDomains.Host.Api;

namespace WeChatDomains.Host.Tests.Api;

public sealed class StorageOperationRouteTests
{
    private static readonly Uri Route = new("/api/" + StorageOperationConstants.Route, UriKind.Relative);

    [Fact]
    public async Task Route_ByDefault_DoesNotExist()
    {
        using var factory = new HostFactory();
        using var client = Keyed(factory);

        var get = await client.GetAsync(Route);
        var delete = await client.DeleteAsync(Route);

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, delete.StatusCode);
        Assert.Null(factory.Services.GetRequiredService<StorageClientPolicies>().Counter);
    }

    [Fact]
    public async Task Route_WhenCounting_ReadsAndResetsTheCountsBehindTheKey()
    {
        using var factory = new HostFactory { Settings = { ["StorageOperations:Count"] = "true" } };
        using var client = Keyed(factory);
        var counter = factory.Services.GetRequiredService<StorageClientPolicies>().Counter!;
        counter.Add("claim", new StorageOperation("commands", "c-1", StorageOperationKind.PointRead));
        counter.Add("claim", new StorageOperation("commands", "c-1", StorageOperationKind.Update));

        using var anonymous = factory.CreateClient();
        var unkeyed = await anonymous.GetAsync(Route);
        var snapshot = await client.GetFromJsonAsync<StorageOperationSnapshot>(Route);
        var reset = await client.DeleteAsync(Route);
        var after = await client.GetFromJsonAsync<StorageOperationSnapshot>(Route);

        Assert.Equal(HttpStatusCode.Unauthorized, unkeyed.StatusCode);
        Assert.Equal(2, snapshot!.Total);
        Assert.Equal(["claim commands PointRead 1", "claim commands Update 1"], snapshot.Steps.Select(s => $"{s.Step} {s.Table} {s.Kind} {s.Count}"));
        Assert.Equal(new StoragePartitionCount("commands", "c-1", 2), snapshot.Busiest.Single());
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(0, after!.Total);
    }

    [Fact]
    public async Task Health_ItsStorageCalls_AreInTheReadStep()
    {
        using var factory = new HostFactory();
        var steps = new List<string?>();
        factory.Registry.Setup(r => r.CountAsync(It.IsAny<AuthorizerState>(), It.IsAny<CancellationToken>()))
            .Callback(() => steps.Add(StorageStep.Current)).ReturnsAsync(0L);
        factory.Store.Setup(s => s.CountProblemsAsync(It.IsAny<CancellationToken>()))
            .Callback(() => steps.Add(StorageStep.Current)).ReturnsAsync((0, 0));
        using var client = Keyed(factory);

        var health = await client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal([StorageSteps.Read, StorageSteps.Read, StorageSteps.Read], steps);
    }

    private static HttpClient Keyed(HostFactory factory)
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Add(ApiKeyFilter.HeaderName, HostFactory.Key);
        return client;
    }
}
