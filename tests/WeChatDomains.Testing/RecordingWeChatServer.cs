using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WeChatDomains.Testing;

/// <summary>
/// A loopback HTTP server (Kestrel on 127.0.0.1, a free port) that records every request (method, path, query, raw
/// body) and answers with scripted replies in order: JSON bodies, HTTP statuses, delays, dropped connections, no
/// answer. When the script is empty it answers <see cref="DefaultReply"/>. Wait for requests with
/// <see cref="WaitForRequestsAsync"/>, never with a sleep.
/// </summary>
public sealed class RecordingWeChatServer : IAsyncDisposable
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ScriptedReply> _script = new();
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<(int Count, TaskCompletionSource Signal)> _waiters = [];
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();

    private RecordingWeChatServer(WebApplication app) => _app = app;

    /// <summary>The server's base address, e.g. <c>http://127.0.0.1:54321</c>.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The reply when the script is empty (<see cref="ScriptedReply.Ok"/> unless set).</summary>
    public ScriptedReply DefaultReply { get; set; } = ScriptedReply.Ok();

    /// <summary>The requests received so far, in arrival order.</summary>
    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Starts a server on a free loopback port.</summary>
    public static async Task<RecordingWeChatServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var server = new RecordingWeChatServer(app);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseAddress = new Uri(address);
        return server;
    }

    /// <summary>An http address on loopback where nothing listens: connecting to it is refused.</summary>
    public static Uri UnusedLoopbackAddress()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}");
    }

    /// <summary>Appends replies to the script, used one per request in order.</summary>
    public RecordingWeChatServer Reply(params ScriptedReply[] replies)
    {
        ArgumentNullException.ThrowIfNull(replies);
        foreach (var reply in replies)
        {
            _script.Enqueue(reply);
        }

        return this;
    }

    /// <summary>Completes once at least <paramref name="count"/> requests have arrived (fails after 30 s of real time).</summary>
    public Task WaitForRequestsAsync(int count)
    {
        lock (_gate)
        {
            if (_requests.Count >= count)
            {
                return Task.CompletedTask;
            }

            var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, signal));
            return signal.Task.WaitAsync(WaitLimit);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        Record(new RecordedRequest(context.Request.Method, context.Request.Path.Value ?? string.Empty, context.Request.QueryString.Value ?? string.Empty, body));
        var reply = _script.TryDequeue(out var next) ? next : DefaultReply;
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        try
        {
            if (reply.Delay > TimeSpan.Zero)
            {
                await Task.Delay(reply.Delay, TimeProvider.System, cancel.Token);
            }

            if (reply.Hang)
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, TimeProvider.System, cancel.Token);
            }
        }
        catch (OperationCanceledException)
        {
            return;
        }

        if (reply.Abort)
        {
            context.Abort();
            return;
        }

        context.Response.StatusCode = reply.Status;
        if (reply.Body is not null)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(reply.Body, cancel.Token);
        }
    }

    private void Record(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
            foreach (var waiter in _waiters.Where(w => _requests.Count >= w.Count).ToList())
            {
                waiter.Signal.TrySetResult();
                _waiters.Remove(waiter);
            }
        }
    }
}
