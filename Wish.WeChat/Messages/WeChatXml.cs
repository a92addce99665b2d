using System.Buffers;
using System.Text;
using System.Xml;

namespace WeChatWish.WeChat.Messages;

/// <summary>Hardened XML input and CDATA output shared by the parser, replies and the encrypted envelope.</summary>
public static class WeChatXml
{
    /// <summary>Largest accepted request body; real pushes are a few KB.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>No DTD (XXE, billion laughs), no resolver, bounded size.</summary>
    public static XmlReaderSettings CreateReaderSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxBodyBytes,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
    };

    /// <summary>Reads a UTF-8 body, refusing anything over <see cref="MaxBodyBytes"/> without reading further.</summary>
    /// <exception cref="WeChatXmlException">TooLarge, or Malformed when the bytes are not UTF-8.</exception>
    public static async Task<string> ReadBodyAsync(Stream body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(body);
        var buffer = ArrayPool<byte>.Shared.Rent(MaxBodyBytes + 1);
        try
        {
            var total = 0;
            int read;
            while (total <= MaxBodyBytes
                   && (read = await body.ReadAsync(buffer.AsMemory(total, MaxBodyBytes + 1 - total), cancellationToken)) > 0)
                total += read;
            if (total > MaxBodyBytes)
                throw new WeChatXmlException(WeChatXmlError.TooLarge, $"The body exceeds {MaxBodyBytes} bytes.");
            var text = StrictUtf8.GetString(buffer, 0, total);
            return text.StartsWith('\uFEFF') ? text[1..] : text;
        }
        catch (DecoderFallbackException e)
        {
            throw new WeChatXmlException(WeChatXmlError.Malformed, "The body is not UTF-8.", e);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static readonly XmlReaderSettings ReaderSettings = CreateReaderSettings();

    /// <summary>
    /// The &lt;xml&gt; root's child elements by name (the first of a name wins) with their text, as XElement.Value would give it,
    /// read in one forward pass with <see cref="CreateReaderSettings"/>: the callback parses every push twice (envelope, then
    /// message), and a document tree cost more than the AES.
    /// </summary>
    /// <exception cref="WeChatXmlException">Malformed XML, a DTD, or a root other than &lt;xml&gt;.</exception>
    internal static Dictionary<string, string> ReadRootFields(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), ReaderSettings);
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "xml" || reader.NamespaceURI.Length > 0)
                throw new WeChatXmlException(WeChatXmlError.Malformed, "The root element is not <xml>.");
            string? field = null;
            var text = new StringBuilder();
            // Reading to the end checks that the whole document is well-formed, as loading a tree did.
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element when reader.Depth == 1:
                        if (reader.IsEmptyElement) fields.TryAdd(reader.LocalName, "");
                        else (field, text.Length) = (reader.LocalName, 0);
                        break;
                    case XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.SignificantWhitespace when field is not null:
                        text.Append(reader.Value);
                        break;
                    case XmlNodeType.EndElement when reader.Depth == 1 && field is not null:
                        fields.TryAdd(field, text.ToString());
                        field = null;
                        break;
                }
            }
        }
        catch (XmlException e)
        {
            throw new WeChatXmlException(WeChatXmlError.Malformed, $"The body is not acceptable XML: {e.Message}", e);
        }
        return fields;
    }

    /// <summary>Drops characters XML 1.0 cannot carry and normalises newlines as any XML parser would.</summary>
    public static string SanitizeText(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\r')
            {
                result.Append('\n');
                if (i + 1 < text.Length && text[i + 1] == '\n') i++;
            }
            else if (XmlConvert.IsXmlChar(c)) result.Append(c);
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], c)) result.Append(c).Append(text[++i]);
        }
        return result.ToString();
    }

    /// <summary>Appends &lt;name&gt;&lt;![CDATA[value]]&gt;&lt;/name&gt;, sanitised, splitting any "]]&gt;" across sections.</summary>
    internal static void AppendCDataElement(StringBuilder xml, string name, string value)
    {
        xml.Append('<').Append(name).Append("><![CDATA[")
            .Append(SanitizeText(value).Replace("]]>", "]]]]><![CDATA[>", StringComparison.Ordinal))
            .Append("]]></").Append(name).Append('>');
    }
}
