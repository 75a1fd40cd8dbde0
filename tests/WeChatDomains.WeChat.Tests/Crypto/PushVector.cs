using System.Text.Json;
using WeChatDomains.Testing;

namespace WeChatDomains.WeChat.Tests.Crypto;

/// <summary>One vector made by vectors/make-vectors.sh with openssl (see vectors/README.md).</summary>
public sealed record PushVector(
    string Token,
    string EncodingAesKey,
    string AppId,
    string Timestamp,
    string Nonce,
    string RandomPrefixHex,
    string Plaintext,
    string KeyHex,
    string IvHex,
    int PadLength,
    string Encrypt,
    string MsgSignature)
{
    public static readonly string[] Names = ["component-verify-ticket", "authorized-event", "utf8-message", "full-pad-block"];

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static TheoryData<string> All => new(Names);

    public static PushVector Load(string name)
    {
        var path = Path.Combine(RepositoryPaths.Root, "tests", "WeChatDomains.WeChat.Tests", "Crypto", "vectors", name + ".json");
        return JsonSerializer.Deserialize<PushVector>(File.ReadAllText(path), Options)
            ?? throw new InvalidOperationException("Empty vector " + name);
    }
}
