using System.Net.Http.Json;
using System.Xml.Linq;
using WeChatDomains.Sandbox.Admin;
using WeChatDomains.Testing;
using WeChatDomains.WeChat.Crypto;
using WeChatDomains.WeChat.Push;

namespace WeChatDomains.Sandbox.Tests.Contract;

/// <summary>
/// Has the sandbox push to a <see cref="SandboxPushRecorder"/> and opens the push with the project's own
/// <see cref="PushEnvelopeParser"/> and <see cref="PushMessageCrypto"/>: a contract check of the push format.
/// </summary>
internal static class SandboxPushes
{
    private static readonly PushMessageCrypto Crypto =
        new(SandboxSeed.PlatformToken, SandboxSeed.EncodingAesKey, SandboxSeed.PlatformAppId);

    /// <summary>A current component_verify_ticket, pushed by the sandbox.</summary>
    public static async Task<string> PushTicketAsync(SandboxServer sandbox) =>
        Field(await PushAsync(sandbox, "sandbox/push-ticket"), "ComponentVerifyTicket");

    /// <summary>The <c>authorized</c> push of <paramref name="appId"/>, decrypted.</summary>
    public static Task<XElement> AuthorizeAsync(SandboxServer sandbox, string appId) =>
        PushAsync(sandbox, $"sandbox/authorizers/{appId}/authorize");

    public static string Field(XElement message, string name) =>
        (string?)message.Element(name) ?? throw new Xunit.Sdk.XunitException($"The push has no {name}.");

    private static async Task<XElement> PushAsync(SandboxServer sandbox, string route)
    {
        await using var recorder = await SandboxPushRecorder.StartAsync();
        using (var response = await sandbox.Admin.PostAsJsonAsync(route, new PushRequest(recorder.Url.ToString())))
        {
            response.EnsureSuccessStatusCode();
        }

        var push = Assert.Single(recorder.Pushes);
        var envelope = PushEnvelopeParser.Parse(push.Body);
        Assert.True(envelope.IsSuccess, envelope.ToString());
        Assert.Equal(SandboxSeed.PlatformAppId, envelope.Value!.AppId);
        var opened = Crypto.Decrypt(
            push.Query.GetValueOrDefault("msg_signature"), push.Query.GetValueOrDefault("timestamp"),
            push.Query.GetValueOrDefault("nonce"), envelope.Value.Encrypt);
        Assert.True(opened.IsSuccess, opened.ToString());
        return XElement.Parse(opened.Value!);
    }
}
