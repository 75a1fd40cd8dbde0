namespace WeChatDomains.Sandbox;

/// <summary>Entry point: <c>dotnet run --project src/WeChatDomains.Sandbox</c> (default <c>http://127.0.0.1:7080</c>).</summary>
internal static class SandboxProgram
{
    public static Task Main(string[] args) => SandboxApp.Build(args).RunAsync();
}
