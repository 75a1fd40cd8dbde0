using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace WeChatDomains.Sandbox.Push;

/// <summary>The keys a push is signed and encrypted with: the platform's appid, token and EncodingAESKey.</summary>
internal sealed record PushKeys(string AppId, string Token, string EncodingAesKey);

/// <summary>What the receiver of a push answered.</summary>
public sealed record PushResult(bool Delivered, int? StatusCode, string? ResponseBody, string? Error);

/// <summary>
/// Sends an encrypted push as WeChat does: POST of the &lt;xml&gt;&lt;AppId/&gt;&lt;Encrypt/&gt;&lt;/xml&gt; envelope
/// with query <c>timestamp</c>, <c>nonce</c>, <c>encrypt_type=aes</c>, <c>signature</c> and <c>msg_signature</c>.
/// </summary>
internal sealed class PushSender(IHttpClientFactory httpClientFactory, ILogger<PushSender> logger)
{
    public const string HttpClientName = "sandbox-push";

    public async Task<PushResult> SendAsync(Uri url, string infoType, string xml, PushKeys keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var encrypt = PushCrypto.Encrypt(xml, keys.AppId, keys.EncodingAesKey);
        var timestamp = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var nonce = RandomNumberGenerator.GetInt32(100_000_000, int.MaxValue).ToString(CultureInfo.InvariantCulture);
        var target = QueryHelpers.AddQueryString(url.ToString(), new Dictionary<string, string?>
        {
            ["signature"] = PushCrypto.Signature(keys.Token, timestamp, nonce),
            ["timestamp"] = timestamp,
            ["nonce"] = nonce,
            ["encrypt_type"] = "aes",
            ["msg_signature"] = PushCrypto.Signature(keys.Token, timestamp, nonce, encrypt),
        });

        var receiver = url.GetLeftPart(UriPartial.Path);
        try
        {
            using var content = new StringContent(PushMessages.Envelope(keys.AppId, encrypt), Encoding.UTF8, "text/xml");
            var client = httpClientFactory.CreateClient(HttpClientName);
            using var response = await client.PostAsync(target, content, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            Log.PushSent(logger, infoType, receiver, (int)response.StatusCode);
            return new PushResult(response.IsSuccessStatusCode, (int)response.StatusCode, body, null);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            Log.PushFailed(logger, infoType, receiver, ex.GetType().Name);
            return new PushResult(false, null, null, ex.GetType().Name + ": " + ex.Message);
        }
    }
}
