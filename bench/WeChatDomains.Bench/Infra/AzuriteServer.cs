using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using WeChatDomains.Testing;

namespace WeChatDomains.Bench.Infra;

/// <summary>
/// An Azurite process of the bench's own, on loopback. With a <c>location</c> folder it persists to disk, so it can be
/// stopped and started again on the same ports with the same data (the Azurite-restart drill); without one it keeps
/// everything in memory. <c>WECHATDOMAINS_AZURITE_CONNECTION</c> is not used: the drills must own the process.
/// </summary>
internal sealed partial class AzuriteServer : IAsyncDisposable
{
    private const string DevAccount = "devstoreaccount1";
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly string? _location;
    private Dictionary<string, int> _ports = new(StringComparer.Ordinal) { ["Blob"] = 0, ["Queue"] = 0, ["Table"] = 0 };
    private Process? _process;
    private ProcessOutput? _output;
    private TaskCompletionSource? _closed;

    private AzuriteServer(string? location) => _location = location;

    public string ConnectionString =>
        $"DefaultEndpointsProtocol=http;AccountName={DevAccount};AccountKey={DevKey};" +
        $"BlobEndpoint=http://127.0.0.1:{_ports["Blob"]}/{DevAccount};" +
        $"QueueEndpoint=http://127.0.0.1:{_ports["Queue"]}/{DevAccount};" +
        $"TableEndpoint=http://127.0.0.1:{_ports["Table"]}/{DevAccount};";

    public int ProcessId => _process?.Id ?? 0;

    /// <summary>A connection string to this server's Table service and <paramref name="queues"/>' Blob and Queue services.</summary>
    public string ConnectionStringWithQueuesOf(AzuriteServer queues)
    {
        ArgumentNullException.ThrowIfNull(queues);
        return $"DefaultEndpointsProtocol=http;AccountName={DevAccount};AccountKey={DevKey};" +
            $"BlobEndpoint=http://127.0.0.1:{queues._ports["Blob"]}/{DevAccount};" +
            $"QueueEndpoint=http://127.0.0.1:{queues._ports["Queue"]}/{DevAccount};" +
            $"TableEndpoint=http://127.0.0.1:{_ports["Table"]}/{DevAccount};";
    }

    /// <summary>Starts Azurite; <paramref name="location"/> null keeps data in memory.</summary>
    public static async Task<AzuriteServer> StartAsync(string? location = null)
    {
        var server = new AzuriteServer(location);
        await server.LaunchAsync();
        return server;
    }

    /// <summary>Stops Azurite gracefully (SIGTERM: it saves its data) and starts it again on the same ports.</summary>
    public Task RestartAsync() => OutageAsync(TimeSpan.Zero);

    /// <summary>Stops Azurite gracefully, keeps it stopped for <paramref name="outage"/>, and starts it again on the same ports.</summary>
    public async Task OutageAsync(TimeSpan outage)
    {
        await StopAsync(graceful: true);
        if (outage > TimeSpan.Zero)
        {
            await Task.Delay(outage, TimeProvider.System);
        }

        await LaunchAsync();
    }

    /// <summary>Stops the process: SIGTERM when <paramref name="graceful"/>, else SIGKILL.</summary>
    public async Task StopAsync(bool graceful)
    {
        if (_process is null)
        {
            return;
        }

        if (graceful && !_process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false });
            await kill!.WaitForExitAsync();

            // Azurite saves its data as each service closes, and may then linger on open connections: once all three
            // services say they closed (or it exits) it is stopped; waiting for the process alone made every restart
            // a 15 s outage.
            using var grace = new CancellationTokenSource(TimeSpan.FromSeconds(15), TimeProvider.System);
            try
            {
                await Task.WhenAny(_process.WaitForExitAsync(grace.Token), _closed!.Task.WaitAsync(grace.Token));
            }
            catch (OperationCanceledException)
            {
                // Falls through to the kill below.
            }
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await _output!.DrainAsync();
        _process.Dispose();
        _process = null;
        _output = null;
    }

    public async ValueTask DisposeAsync() => await StopAsync(graceful: false);

    private async Task LaunchAsync()
    {
        var azurite = Path.Combine(RepositoryPaths.Root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}; run 'npm ci' at the repository root.");
        }

        var info = new ProcessStartInfo(azurite) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        var args = new List<string> { "--skipApiVersionCheck", "--loose", "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1" };
        args.AddRange(_location is null ? ["--inMemoryPersistence"] : ["--location", _location]);
        foreach (var (service, port) in _ports)
        {
            args.AddRange(["--" + service.ToLowerInvariant() + "Port", port.ToString(CultureInfo.InvariantCulture)]);
        }

        args.ForEach(info.ArgumentList.Add);
        var process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var closedServices = 0;
        var output = new StringBuilder();
        var lines = ProcessOutput.Start(process, line =>
        {
            OnLine(line, ports, ready, output);
            if (line is not null && ClosedLine().IsMatch(line) && Interlocked.Increment(ref closedServices) == 3)
            {
                closed.TrySetResult();
            }
        });
        _ = lines.Completion.ContinueWith(_ => OnLine(null, ports, ready, output), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await ready.Task.WaitAsync(StartTimeout, TimeProvider.System);
        }
        catch
        {
            process.Kill(entireProcessTree: true);
            await lines.DrainAsync();
            process.Dispose();
            throw;
        }

        _ports = ports;
        _process = process;
        _output = lines;
        _closed = closed;
    }

    private static void OnLine(string? line, Dictionary<string, int> ports, TaskCompletionSource ready, StringBuilder output)
    {
        if (line is null)
        {
            ready.TrySetException(new InvalidOperationException("Azurite exited before it listened:\n" + output));
            return;
        }

        lock (ports)
        {
            output.AppendLine(line);
            var match = ListeningLine().Match(line);
            if (match.Success)
            {
                ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, CultureInfo.InvariantCulture);
                if (ports.Count == 3)
                {
                    ready.TrySetResult();
                }
            }
        }
    }

    [GeneratedRegex(@"Azurite (Blob|Queue|Table) service successfully closed")]
    private static partial Regex ClosedLine();

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
