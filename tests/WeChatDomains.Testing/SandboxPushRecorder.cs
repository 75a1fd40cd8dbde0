using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WeChatDomains.Testing;

/// <summary>One push as the recorder received it.</summary>
public sealed record RecordedPush(IReadOnlyDictionary<string, string> Query, string Body);

/// <summary>
/// A tiny loopback HTTP endpoint that records what is POSTed to it and answers <c>success</c>, as a push receiver
/// does: give <see cref="Url"/> to <c>POST /sandbox/push-ticket</c> or <c>/sandbox/authorizers/{appid}/authorize</c>.
/// </summary>
public sealed class SandboxPushRecorder : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<RecordedPush> _pushes = new();
    private int _disposed;

    private SandboxPushRecorder(WebApplication app) => _app = app;

    /// <summary>The receiving URL.</summary>
    public Uri Url { get; private set; } = null!;

    /// <summary>What was received, oldest first.</summary>
    public IReadOnlyList<RecordedPush> Pushes => [.. _pushes];

    public static async Task<SandboxPushRecorder> StartAsync()
    {
        var builder = WebApplication.CreateBuilder(["--urls", "http://127.0.0.1:0"]);
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var recorder = new SandboxPushRecorder(app);
        app.MapPost("/events", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync();
            var query = context.Request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
            recorder._pushes.Enqueue(new RecordedPush(query, body));
            return Results.Text("success");
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        recorder.Url = new Uri(address.TrimEnd('/') + "/events");
        return recorder;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
