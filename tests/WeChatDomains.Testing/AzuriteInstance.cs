using System.Diagnostics;
using System.Text.RegularExpressions;

namespace WeChatDomains.Testing;

/// <summary>
/// One Azurite process (in-memory persistence, loopback, ports chosen by the OS) shared by a test assembly.
/// Set <c>WECHATDOMAINS_AZURITE_CONNECTION</c> to use an Azurite that is already running instead.
/// </summary>
public sealed partial class AzuriteInstance : IAsyncDisposable
{
    private const string DevAccount = "devstoreaccount1";
    private const string DevKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private readonly Process? _process;
    private readonly ProcessOutput? _output;

    private AzuriteInstance(string connectionString, Process? process, ProcessOutput? output = null)
    {
        ConnectionString = connectionString;
        _process = process;
        _output = output;
    }

    /// <summary>Connection string for the Table, Queue and Blob endpoints of this instance.</summary>
    public string ConnectionString { get; }

    /// <summary>Process id of the Azurite process this instance started, or null when it uses an external one.</summary>
    public int? ProcessId => _process?.Id;

    /// <summary>Starts Azurite from the repository's <c>node_modules</c> (installed by <c>npm ci</c>).</summary>
    public static async Task<AzuriteInstance> StartAsync(CancellationToken cancellationToken = default)
    {
        var external = Environment.GetEnvironmentVariable("WECHATDOMAINS_AZURITE_CONNECTION");
        if (!string.IsNullOrWhiteSpace(external))
        {
            return new AzuriteInstance(external, null);
        }

        var azurite = Path.Combine(RepositoryPaths.Root, "node_modules", ".bin", "azurite");
        if (!File.Exists(azurite))
        {
            throw new InvalidOperationException($"Azurite is not installed at {azurite}; run 'npm ci' at the repository root (./build.sh test does).");
        }

        var info = new ProcessStartInfo(azurite)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[]
        {
            "--inMemoryPersistence", "--skipApiVersionCheck", "--loose",
            "--blobHost", "127.0.0.1", "--queueHost", "127.0.0.1", "--tableHost", "127.0.0.1",
            "--blobPort", "0", "--queuePort", "0", "--tablePort", "0",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        var ports = new Dictionary<string, int>(StringComparer.Ordinal);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Text.StringBuilder();
        var lines = ProcessOutput.Start(process, line =>
        {
            lock (ports)
            {
                output.AppendLine(line);
                var match = ListeningLine().Match(line);
                if (match.Success)
                {
                    ports[match.Groups["service"].Value] = int.Parse(match.Groups["port"].Value, System.Globalization.CultureInfo.InvariantCulture);
                    if (ports.Count == 3)
                    {
                        ready.TrySetResult();
                    }
                }
            }
        });
        _ = lines.Completion.ContinueWith(
            _ =>
            {
                lock (ports)
                {
                    ready.TrySetException(new InvalidOperationException("Azurite exited before it listened:\n" + output));
                }
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);

        try
        {
            await ready.Task.WaitAsync(StartTimeout, cancellationToken);
        }
        catch
        {
            Kill(process);
            await lines.DrainAsync();
            process.Dispose();
            throw;
        }

        var connection =
            $"DefaultEndpointsProtocol=http;AccountName={DevAccount};AccountKey={DevKey};" +
            $"BlobEndpoint=http://127.0.0.1:{ports["Blob"]}/{DevAccount};" +
            $"QueueEndpoint=http://127.0.0.1:{ports["Queue"]}/{DevAccount};" +
            $"TableEndpoint=http://127.0.0.1:{ports["Table"]}/{DevAccount};";
        return new AzuriteInstance(connection, process, lines);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (_process is not null)
        {
            Kill(_process);
            if (_output is not null)
            {
                await _output.DrainAsync();
            }

            _process.Dispose();
        }
    }

    private static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    [GeneratedRegex(@"Azurite (?<service>Blob|Queue|Table) service is successfully listening at http://[^:]+:(?<port>\d+)")]
    private static partial Regex ListeningLine();
}
