using System.Diagnostics;

namespace WeChatDomains.Testing;

/// <summary>
/// Reads a child process's standard output and error line by line on tasks of our own (instead of
/// <see cref="Process.BeginOutputReadLine"/>, whose reader can fault on a thread-pool thread when the process is killed
/// and disposed while it reads). <see cref="DrainAsync"/> waits for both streams to end before the process is disposed.
/// </summary>
public sealed class ProcessOutput
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(10);
    private readonly Task _stdout;
    private readonly Task _stderr;

    private ProcessOutput(Process process, Action<string> onLine)
    {
        _stdout = PumpAsync(process.StandardOutput, onLine);
        _stderr = PumpAsync(process.StandardError, onLine);
    }

    /// <summary>Starts reading both streams of <paramref name="process"/>; <paramref name="onLine"/> may be called from two threads at once.</summary>
    public static ProcessOutput Start(Process process, Action<string> onLine) => new(process, onLine);

    /// <summary>A task that completes when both streams have ended (the process and its children closed them).</summary>
    public Task Completion => Task.WhenAll(_stdout, _stderr);

    /// <summary>Waits (bounded) for both streams to end; call after the process exited and before disposing it.</summary>
    public async Task DrainAsync()
    {
        try
        {
            await Completion.WaitAsync(DrainTimeout, TimeProvider.System);
        }
        catch (TimeoutException)
        {
            // A grandchild still holds the pipe open; the pumps end when it goes.
        }
    }

    private static async Task PumpAsync(StreamReader reader, Action<string> onLine)
    {
        try
        {
            while (await reader.ReadLineAsync() is { } line)
            {
                onLine(line);
            }
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The process went away mid-read: its output ends here.
        }
    }
}
