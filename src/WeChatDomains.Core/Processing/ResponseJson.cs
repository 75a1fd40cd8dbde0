using System.Text.Encodings.Web;
using System.Text.Json;

namespace WeChatDomains.Core.Processing;

/// <summary>How WeChat responses are kept in records: camelCase JSON without nulls.</summary>
public static class ResponseJson
{
    /// <summary>Serializer options for stored responses.</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
