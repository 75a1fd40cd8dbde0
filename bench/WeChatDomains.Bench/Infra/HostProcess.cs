using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using WeChatDomains.Sandbox;
using WeChatDomains.Testing;

namespace WeChatDomains.Bench.Infra;

/// <summary>
/// The Host as a child process (<c>dotnet WeChatDomains.Host.dll</c>) configured through environment variables against
/// a given Azurite and sandbox: what a deployment runs, and what a drill can SIGKILL. Its console output goes to
/// <see cref="Logs"/> (kept across restarts); its peak RSS and CPU time are sampled while it runs. No <c>DOTNET_</c>
/// variable is set: the GC and JIT settings are the Host's own (its runtimeconfig), as in a deployment.
/// </summary>
internal sealed class HostProcess : IAsyncDisposable
{
    public const string ApiKey = "bench-api-key-0001";

    private readonly Dictionary<string, string> _environment;
    private Process? _process;
    private ProcessOutput? _output;
    private CancellationTokenSource? _sampling;
    private Task? _sampler;
    private TimeSpan _cpuOfEarlierRuns;

    private HostProcess(Dictionary<string, string> environment, Uri baseAddress, LogSink logs)
    {
        _environment = environment;
        BaseAddress = baseAddress;
        Logs = logs;
    }

    public Uri BaseAddress { get; }

    public Uri EventsUrl => new(BaseAddress, "api/wechat/events");

    public LogSink Logs { get; }

    public int ProcessId => _process?.Id ?? 0;

    /// <summary>Highest VmHWM seen over every run of this Host, in MiB.</summary>
    public double PeakRssMiB { get; private set; }

    /// <summary>CPU time used by every run of this Host so far.</summary>
    public TimeSpan CpuTime => _cpuOfEarlierRuns + (_process is { HasExited: false } p ? ProcessStats.CpuTime(p.Id) : TimeSpan.Zero);

    public static async Task<HostProcess> StartAsync(HostSettings settings, LogSink? logs = null)
    {
        var port = FreePort();
        var baseAddress = new Uri($"http://127.0.0.1:{port}/");
        var environment = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Production",
            ["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/'),
            ["ConnectionStrings__Storage"] = settings.StorageConnection,
            ["StorageQueue__QueueName"] = settings.QueueName,
            ["TableStorage__TablePrefix"] = settings.TablePrefix,
            ["TableStorage__LeaseHolder"] = "bench-host-" + port.ToString(CultureInfo.InvariantCulture),
            ["Api__Key"] = ApiKey,
            ["WeChatClient__BaseUrl"] = settings.WeChatBaseUrl.ToString(),
            ["Platform__AppId"] = SandboxSeed.PlatformAppId,
            ["Platform__AppSecret"] = SandboxSeed.PlatformSecret,
            ["Platform__Token"] = SandboxSeed.PlatformToken,
            ["Platform__EncodingAesKey"] = SandboxSeed.EncodingAesKey,
            ["LocalVault__Folder"] = settings.VaultFolder,
            ["Intake__MaxConcurrency"] = settings.IntakeConcurrency.ToString(CultureInfo.InvariantCulture),
            ["Intake__PollInterval"] = "00:00:00.050",
            ["Intake__MaxPollInterval"] = "00:00:00.500",
            ["Logging__Console__FormatterName"] = "simple",
            ["Logging__LogLevel__Default"] = settings.LogLevel,
            ["Logging__LogLevel__Microsoft.AspNetCore"] = "Warning",
            ["Logging__LogLevel__System.Net.Http"] = "Warning",
            ["Logging__LogLevel__WeChatDomains"] = settings.LogLevel,
        };
        foreach (var (key, value) in settings.Extra)
        {
            environment[key] = value;
        }

        var host = new HostProcess(environment, baseAddress, logs ?? new LogSink());
        await host.LaunchAsync();
        return host;
    }

    /// <summary>SIGKILL: no shutdown, no release of held messages, nothing flushed.</summary>
    public async Task KillAsync()
    {
        if (_process is null)
        {
            return;
        }

        SampleOnce();
        _cpuOfEarlierRuns += ProcessStats.CpuTime(_process.Id);
        await StopSamplingAsync();
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _output!.DrainAsync();
        _process.Dispose();
        _process = null;
        _output = null;
    }

    /// <summary>Starts the Host again with the same settings and port.</summary>
    public Task RestartAsync() => LaunchAsync();

    public async ValueTask DisposeAsync() => await KillAsync();

    private async Task LaunchAsync()
    {
        var dll = HostDll();
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var (key, value) in _environment)
        {
            info.Environment[key] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The Host did not start.");
        _output = ProcessOutput.Start(process, Logs.Add);
        _process = process;

        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        await Poll.UntilAsync(
            async () =>
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"The Host exited with {process.ExitCode}:\n{Logs.Tail(40)}");
                }

                try
                {
                    using var response = await client.GetAsync(new Uri("api/health?code=" + ApiKey, UriKind.Relative));
                    return response.StatusCode == HttpStatusCode.OK;
                }
                catch (HttpRequestException)
                {
                    return false;
                }
                catch (TaskCanceledException) when (process is { HasExited: false })
                {
                    // That call took over the client's 5 s (the first one prepares the tables, under injected storage
                    // faults with the SDK's retries): not ready yet, asked again until the deadline.
                    return false;
                }
            },
            TimeSpan.FromSeconds(60),
            "the Host answers /api/health");

        _sampling = new CancellationTokenSource();
        _sampler = SampleAsync(_sampling.Token);
    }

    private async Task SampleAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            SampleOnce();
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private void SampleOnce()
    {
        if (_process is { HasExited: false } p && ProcessStats.PeakRssMiB(p.Id) is { } peak && peak > PeakRssMiB)
        {
            PeakRssMiB = peak;
        }
    }

    private async Task StopSamplingAsync()
    {
        if (_sampling is null)
        {
            return;
        }

        await _sampling.CancelAsync();
        await _sampler!;
        _sampling.Dispose();
        _sampling = null;
    }

    /// <summary>The Host built next to this bench (same configuration).</summary>
    public static string HostDll()
    {
        var configuration = typeof(HostProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = Path.Combine(RepositoryPaths.Root, "src", "WeChatDomains.Host", "bin", configuration, "net10.0", "WeChatDomains.Host.dll");
        return File.Exists(dll) ? dll : throw new InvalidOperationException($"The Host is not built at {dll}; build the bench (it builds the Host).");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>How to configure a <see cref="HostProcess"/>.</summary>
internal sealed record HostSettings(string StorageConnection, Uri WeChatBaseUrl, string VaultFolder)
{
    public string QueueName { get; init; } = "bench-" + Guid.NewGuid().ToString("N")[..12];

    public string TablePrefix { get; init; } = "b" + Guid.NewGuid().ToString("N")[..12];

    public int IntakeConcurrency { get; init; } = 32;

    public string LogLevel { get; init; } = "Information";

    /// <summary>More settings (configuration keys with <c>__</c>), for example <c>Processing__RunLease</c>.</summary>
    public Dictionary<string, string> Extra { get; init; } = new(StringComparer.Ordinal);
}
