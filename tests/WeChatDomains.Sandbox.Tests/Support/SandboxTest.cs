using WeChatDomains.Testing;

namespace WeChatDomains.Sandbox.Tests.Support;

/// <summary>
/// Base of the sandbox specifications: one in-process sandbox per test class, reset to the seed before each test.
/// </summary>
public abstract class SandboxTest(SandboxServer sandbox) : IClassFixture<SandboxServer>, IAsyncLifetime
{
    protected SandboxServer Sandbox { get; } = sandbox;

    protected HttpClient Http => Sandbox.Admin;

    public virtual Task InitializeAsync() => Sandbox.ResetAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Posts <paramref name="body"/> to a WeChat path with a fresh token of the seeded Mini Program (or <paramref name="appId"/>).</summary>
    protected async Task<WeChatAnswer> CallAsAsync(string appId, string path, object body) =>
        await Http.PostWeChatAsync(path, await Sandbox.MintAuthorizerTokenAsync(appId), body);

    protected Task<WeChatAnswer> CallAsync(string path, object body) => CallAsAsync(SandboxSeed.MiniProgramAppId, path, body);

    /// <summary>Posts to a component-token api with a freshly minted component token.</summary>
    protected async Task<WeChatAnswer> CallAsComponentAsync(string path, object body, string tokenQuery = "access_token") =>
        await Http.PostWeChatAsync(path, await Sandbox.MintComponentTokenAsync(), body, tokenQuery);
}
