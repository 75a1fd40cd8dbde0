using System.Net;
using System.Text.Json;

namespace WeChatDomains.Sandbox.Tests.Support;

/// <summary>A WeChat JSON answer as a plain client reads it.</summary>
public sealed record WeChatAnswer(HttpStatusCode Status, JsonElement Json)
{
    public int ErrCode => Json.GetProperty("errcode").GetInt32();

    public string ErrMsg => Json.GetProperty("errmsg").GetString()!;

    public string[] List(string name) => [.. Json.GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    public string[] List(string view, string name) => [.. Json.GetProperty(view).GetProperty(name).EnumerateArray().Select(e => e.GetString()!)];

    public string Text(string name) => Json.GetProperty(name).GetString()!;

    public bool Has(string name) => Json.TryGetProperty(name, out _);
}
