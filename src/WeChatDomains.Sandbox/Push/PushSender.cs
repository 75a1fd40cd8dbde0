using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using WeChatDomains.Sandbox.State;

namespace WeChatDomains.Sandbox.Push;

/// <summary>The keys a push is signed and encrypted with: the platform's appid, token and EncodingAESKey.</summary>
internal sealed record PushKeys(string AppId, string Token, string EncodingAesKey);

/// <summary>What the receiver of a push answered, and the id the push is kept under (<c>GET /sandbox/pushes</c>).</summary>
public sealed record PushResult(bool Delivered, int? StatusCode, string? ResponseBody, string? Error, int PushId = 0);

/// <summary>
/// Sends an encrypted push as WeChat does: POST of the &lt;xml&gt;&lt;AppId/&gt;&lt;Encrypt/&gt;&lt;/xml&gt; envelope
/// with query <c>timestamp</c>, <c>nonce</c>, <c>encrypt_type=aes</c>, <c>signature</c> and <c>msg_signature</c>.
/// Every push is kept in the <see cref="PushLog"/>, so that it can be sent again exactly as it was.
/// </summary>
internal sealed class PushSender(IHttpClientFactory httpClientFactory, SandboxState state, ILogger<PushSender> logger)
{
    public const string HttpClientName = "sandbox-push";

    public Task<PushResult> SendAsync(Uri url, string infoType, string xml, PushKeys keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var encrypt = PushCrypto.Encrypt(xml, keys.AppId, keys.EncodingAesKey);
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var query = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["signature"] = PushCrypto.Signature(keys.Token, timestamp, nonce),
            ["timestamp"] = timestamp,
            ["nonce"] = nonce,
            ["encrypt_type"] = "aes",
            ["msg_signature"] = PushCrypto.Signature(keys.Token, timestamp, nonce, encrypt),
        };
        var body = PushMessages.Envelope(keys.AppId, encrypt);
        var sent = state.Run(s => s.Pushes.Add(infoType, now, query, body));
        return DeliverAsync(url, sent, cancellationToken);
    }

    /// <summary>Sends a kept push to <paramref name="url"/> (its own query kept) with the push's original parameters and body.</summary>
    public async Task<PushResult> DeliverAsync(Uri url, SentPush push, CancellationToken cancellationToken)
    {
        var receiver = url.GetLeftPart(UriPartial.Path);
        var target = QueryHelpers.AddQueryString(url.ToString(), push.Query);
        try
        {
            using var content = new StringContent(push.Body, Encoding.UTF8, "text/xml");
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.PostAsync(target, content, cancellationToken);
            var answer = await response.Content.ReadAsStringAsync(cancellationToken);
            Log.PushSent(logger, push.InfoType, receiver, (int)response.StatusCode);
            return new PushResult(response.IsSuccessStatusCode, (int)response.StatusCode, answer, null, push.Id);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Log.PushFailed(logger, push.InfoType, receiver, ex.GetType().Name);
            return new PushResult(false, null, null, ex.GetType().Name + ": " + ex.Message, push.Id);
        }
    }
}
