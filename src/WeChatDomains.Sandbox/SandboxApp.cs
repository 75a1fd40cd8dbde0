using Microsoft.Extensions.DependencyInjection.Extensions;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Sandbox.Faults;
using WeChatDomains.Sandbox.Push;
using WeChatDomains.Sandbox.State;
using WeChatDomains.Sandbox.Wire;

namespace WeChatDomains.Sandbox;

/// <summary>
/// Builds the sandbox app. <c>Program.cs</c> runs it; tests host it in-process (<c>SandboxServer</c>) with
/// <c>--urls http://127.0.0.1:0</c> and, through <paramref name="configure"/>, their own services (a fake
/// <see cref="TimeProvider"/>, for example).
/// </summary>
public static class SandboxApp
{
    /// <summary>Builds the app; listens on <see cref="SandboxConstants.DefaultUrl"/> unless <c>--urls</c> or <c>ASPNETCORE_URLS</c> says otherwise.</summary>
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(SandboxConstants.DefaultUrl);
        }

        // Request logging would write access_token query values; keep framework chatter to warnings.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Services.AddWeChatSandbox();
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseMiddleware<SandboxExceptionMiddleware>();
        app.MapGet("/", () => Results.Text("WeChat sandbox: WeChat APIs at their own paths, admin API under /sandbox/ (see README)."));
        app.MapWeChatApis();
        app.MapSandboxAdmin();
        return app;
    }

    /// <summary>Registers the sandbox's state and services.</summary>
    public static IServiceCollection AddWeChatSandbox(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddStrictAdminJson();
        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<SandboxClock>();
        services.AddSingleton<SandboxState>();
        services.AddSingleton<FaultInjector>();
        services.AddSingleton<CallCounter>();
        services.AddSingleton<WeChatPipeline>();
        services.AddSingleton<PushSender>();
        services.AddHttpClient(PushSender.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        return services;
    }
}
