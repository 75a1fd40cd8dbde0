using System.Text;
using System.Xml;

namespace WeChatDomains.WeChat.Push;

/// <summary>
/// The outer XML WeChat POSTs to the event URL: the Encrypt string and the addressee (AppId for a third-party
/// platform, ToUserName for an official account).
/// </summary>
/// <param name="Encrypt">Base64 of the ciphertext.</param>
/// <param name="AppId">The component AppId element, when present.</param>
/// <param name="ToUserName">The ToUserName element, when present.</param>
public sealed record PushEnvelope(string Encrypt, string? AppId = null, string? ToUserName = null)
{
    private static readonly XmlWriterSettings WriterSettings = new()
    {
        OmitXmlDeclaration = true,
        Indent = false,
        Encoding = new UTF8Encoding(false),
    };

    /// <summary>The body as WeChat sends it: <c>&lt;xml&gt;&lt;AppId&gt;&lt;![CDATA[...]]&gt;...&lt;Encrypt&gt;...&lt;/xml&gt;</c>.</summary>
    public string ToXml()
    {
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, WriterSettings))
        {
            writer.WriteStartElement("xml");
            WriteCData(writer, PushFieldNames.ToUserName, ToUserName);
            WriteCData(writer, PushFieldNames.AppId, AppId);
            WriteCData(writer, PushFieldNames.Encrypt, Encrypt);
            writer.WriteEndElement();
        }

        return builder.ToString();
    }

    private static void WriteCData(XmlWriter writer, string name, string? value)
    {
        if (value is null)
        {
            return;
        }

        writer.WriteStartElement(name);
        writer.WriteCData(value);
        writer.WriteEndElement();
    }
}
