using System.Xml;
using WeChatDomains.WeChat.Crypto;

namespace WeChatDomains.WeChat.Push;

/// <summary>
/// Reads WeChat's flat <c>&lt;xml&gt;&lt;Name&gt;value&lt;/Name&gt;...&lt;/xml&gt;</c> documents safely: DTDs prohibited
/// (no entity expansion, no XXE), no resolver, a size cap, no nested or duplicated fields.
/// </summary>
internal static class FlatXmlReader
{
    private const string RootName = "xml";

    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = PushCryptoConstants.MaxEnvelopeChars,
        MaxCharactersFromEntities = 0,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
    };

    /// <summary>The root's child elements by name, their text (CDATA included) as the value.</summary>
    public static PushCryptoResult<IReadOnlyDictionary<string, string>> Read(string? xml)
    {
        if (string.IsNullOrWhiteSpace(xml))
        {
            return PushCryptoResult.Failure<IReadOnlyDictionary<string, string>>(PushCryptoError.InvalidXml);
        }

        if (xml.Length > PushCryptoConstants.MaxEnvelopeChars)
        {
            return PushCryptoResult.Failure<IReadOnlyDictionary<string, string>>(PushCryptoError.TooLarge);
        }

        try
        {
            using var text = new StringReader(xml);
            using var reader = XmlReader.Create(text, Settings);
            var fields = ReadFields(reader);
            return fields is null
                ? PushCryptoResult.Failure<IReadOnlyDictionary<string, string>>(PushCryptoError.InvalidXml)
                : PushCryptoResult.Success<IReadOnlyDictionary<string, string>>(fields);
        }
        catch (XmlException)
        {
            var error = xml.Contains("<!DOCTYPE", StringComparison.Ordinal) ? PushCryptoError.DtdProhibited : PushCryptoError.InvalidXml;
            return PushCryptoResult.Failure<IReadOnlyDictionary<string, string>>(error);
        }
    }

    private static Dictionary<string, string>? ReadFields(XmlReader reader)
    {
        if (reader.MoveToContent() != XmlNodeType.Element || reader.Name != RootName)
        {
            return null;
        }

        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        if (reader.IsEmptyElement)
        {
            reader.Read();
        }
        else
        {
            reader.Read();
            while (reader.MoveToContent() != XmlNodeType.EndElement)
            {
                if (reader.NodeType != XmlNodeType.Element)
                {
                    return null;
                }

                var name = reader.Name;
                if (!fields.TryAdd(name, reader.ReadElementContentAsString()))
                {
                    return null;
                }
            }

            reader.Read();
        }

        while (reader.Read())
        {
        }

        return fields;
    }
}
