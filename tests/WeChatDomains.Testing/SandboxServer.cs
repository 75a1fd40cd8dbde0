using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using WeChatDomains.Sandbox;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Sandbox.Faults;
using Xunit;

namespace WeChatDomains.Testing;

/// <summary>
/// The WeChat sandbox hosted in-process on 127.0.0.1 and a port the OS picks. Use it as an xunit fixture
/// (<see cref="IAsyncLifetime"/>) or with <see cref="StartAsync"/>; <see cref="Admin"/> drives the admin API.
/// </summary>
public sealed class SandboxServer : IAsyncLifetime, IAsyncDisposable
{
    private readonly Action<WebApplicationBuilder>? _configure;
    private WebApplication? _app;
    private HttpClient? _admin;

    public SandboxServer()
    {
    }

    private SandboxServer(Action<WebApplicationBuilder>? configure) => _configure = configure;

    /// <summary>Where the sandbox listens, for example <c>http://127.0.0.1:41234/</c>; WeChat paths hang off it.</summary>
    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>A client with <see cref="BaseAddress"/> set, for the admin API (and raw WeChat calls).</summary>
    public HttpClient Admin => _admin ?? throw new InvalidOperationException("The sandbox has not started.");

    /// <summary>The sandbox's services (state, clock), for tests that must look inside.</summary>
    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("The sandbox has not started.");

    /// <summary>Starts a sandbox; <paramref name="configure"/> may replace services, for example the <see cref="TimeProvider"/>.</summary>
    public static async Task<SandboxServer> StartAsync(Action<WebApplicationBuilder>? configure = null)
    {
        var server = new SandboxServer(configure);
        await server.InitializeAsync();
        return server;
    }

    /// <summary>Starts a sandbox whose clock runs on <paramref name="timeProvider"/>.</summary>
    public static Task<SandboxServer> StartAsync(TimeProvider timeProvider) =>
        StartAsync(b => b.Services.AddSingleton(timeProvider));

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        _app = SandboxApp.Build(["--urls", "http://127.0.0.1:0"], _configure);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address.TrimEnd('/') + "/");
        _admin = new HttpClient { BaseAddress = BaseAddress };
    }

    /// <summary>Back to <see cref="SandboxSeed"/>: state, tokens, tickets, faults, call counts and clock offset.</summary>
    public async Task ResetAsync() => (await Admin.PostAsync("sandbox/reset", null)).EnsureSuccessStatusCode();

    /// <summary>Replaces the injected faults.</summary>
    public async Task SetFaultsAsync(FaultSettings faults) =>
        (await Admin.PutAsJsonAsync("sandbox/faults", faults)).EnsureSuccessStatusCode();

    /// <summary>Removes every injected fault.</summary>
    public async Task ClearFaultsAsync() => (await Admin.DeleteAsync("sandbox/faults")).EnsureSuccessStatusCode();

    /// <summary>Moves the sandbox clock forward.</summary>
    public async Task<DateTimeOffset> AdvanceClockAsync(TimeSpan by)
    {
        using var response = await Admin.PostAsJsonAsync("sandbox/clock/advance", new ClockAdvance(by.TotalSeconds));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<ClockModel>())!.Now;
    }

    /// <summary>The sandbox clock's time.</summary>
    public async Task<DateTimeOffset> GetClockAsync() => (await Admin.GetFromJsonAsync<ClockModel>("sandbox/clock"))!.Now;

    /// <summary>A valid authorizer access token.</summary>
    public Task<string> MintAuthorizerTokenAsync(string appId = SandboxSeed.MiniProgramAppId) => MintAsync($"sandbox/authorizers/{appId}/token");

    /// <summary>A valid component access token.</summary>
    public Task<string> MintComponentTokenAsync() => MintAsync("sandbox/component/token");

    /// <summary>An authorizer's state (domains by source, modificationsThisMonth, appliedModifications).</summary>
    public async Task<AuthorizerModel> GetAuthorizerAsync(string appId = SandboxSeed.MiniProgramAppId) =>
        (await Admin.GetFromJsonAsync<AuthorizerModel>($"sandbox/authorizers/{appId}"))!;

    /// <summary>Creates or replaces an authorizer.</summary>
    public async Task PutAuthorizerAsync(string appId, AuthorizerModel authorizer) =>
        (await Admin.PutAsJsonAsync($"sandbox/authorizers/{appId}", authorizer)).EnsureSuccessStatusCode();

    /// <summary>The platform's state.</summary>
    public async Task<PlatformModel> GetPlatformAsync() => (await Admin.GetFromJsonAsync<PlatformModel>("sandbox/platform"))!;

    /// <summary>Replaces the platform.</summary>
    public async Task PutPlatformAsync(PlatformModel platform) =>
        (await Admin.PutAsJsonAsync("sandbox/platform", platform)).EnsureSuccessStatusCode();

    /// <summary>Calls received per api wire name.</summary>
    public async Task<IReadOnlyDictionary<string, long>> GetCallsAsync() =>
        (await Admin.GetFromJsonAsync<Dictionary<string, long>>("sandbox/calls"))!;

    /// <inheritdoc />
    public async Task DisposeAsync() => await ((IAsyncDisposable)this).DisposeAsync();

    /// <inheritdoc />
    async ValueTask IAsyncDisposable.DisposeAsync()
    {
        _admin?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }
    }

    private async Task<string> MintAsync(string route)
    {
        using var response = await Admin.PostAsync(route, null);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<MintedToken>())!.AccessToken;
    }
}
