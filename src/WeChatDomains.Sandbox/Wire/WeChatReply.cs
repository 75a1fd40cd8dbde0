using System.Text.Json;

namespace WeChatDomains.Sandbox.Wire;

/// <summary>A WeChat JSON answer: errcode, errmsg, then the API's fields in order.</summary>
internal sealed class WeChatReply(int errCode, string? detail = null)
{
    private readonly List<KeyValuePair<string, object?>> _fields = [];

    public int ErrCode { get; } = errCode;

    /// <summary>Appended to the errmsg after a colon (which host was refused, for example).</summary>
    public string? Detail { get; } = detail;

    public static WeChatReply Ok() => new(0);

    public static WeChatReply Error(int errcode, string? detail = null) => new(errcode, detail);

    public IReadOnlyList<KeyValuePair<string, object?>> Fields => _fields;

    public WeChatReply With(string name, object? value)
    {
        _fields.Add(new(name, value));
        return this;
    }

    /// <summary>Writes the reply; errors get WeChat's ` rid: ` suffix.</summary>
    public byte[] ToUtf8Json(DateTimeOffset now)
    {
        var message = WeChatErrors.MessageOf(ErrCode);
        if (Detail is not null)
        {
            message += ": " + Detail;
        }

        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("errcode", ErrCode);
            writer.WriteString("errmsg", ErrCode == 0 ? message : WeChatErrors.WithRid(message, now));
            foreach (var (name, value) in _fields)
            {
                writer.WritePropertyName(name);
                JsonSerializer.Serialize(writer, value, value?.GetType() ?? typeof(object));
            }

            writer.WriteEndObject();
        }

        return buffer.ToArray();
    }
}
