using System.Diagnostics;
using System.Reflection;

namespace WeChatDomains.Functions.Tests.Infra;

/// <summary>
/// The Bicep CLI from the Azure.Bicep.CommandLine.linux-x64 package (a PackageDownload of this project, so it sits in
/// the NuGet packages folder), and the repository's infra/ folder.
/// </summary>
internal static class BicepCli
{
    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static string MainTemplate => Path.Combine(RepositoryRoot, "infra", "main.bicep");

    public static string Executable
    {
        get
        {
            var path = Path.Combine(Metadata("NuGetPackageRoot"), "azure.bicep.commandline.linux-x64", Metadata("BicepCliVersion"), "tools", "bicep");
            Assert.True(File.Exists(path), $"The Bicep CLI is missing at {path}: restore the test project (it downloads Azure.Bicep.CommandLine.linux-x64).");
            if (!OperatingSystem.IsWindows() && !File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute))
            {
                File.SetUnixFileMode(path, File.GetUnixFileMode(path) | UnixFileMode.UserExecute);
            }

            return path;
        }
    }

    /// <summary>Runs <c>bicep {arguments}</c> and returns its exit code, standard output and standard error.</summary>
    public static async Task<(int ExitCode, string Output, string Errors)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = RepositoryRoot,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1";
        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var output = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var errors = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await errors);
    }

    private static string Metadata(string key) =>
        typeof(BicepCli).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;
}
