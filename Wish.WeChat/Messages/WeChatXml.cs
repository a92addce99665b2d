using System.Buffers;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace Wish.WeChat.Messages;

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

    /// <summary>Parses with <see cref="CreateReaderSettings"/> and requires the &lt;xml&gt; root WeChat always sends.</summary>
    internal static XElement LoadRoot(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        XDocument document;
        try
        {
            using var reader = XmlReader.Create(new StringReader(xml), CreateReaderSettings());
            document = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw new WeChatXmlException(WeChatXmlError.Malformed, $"The body is not acceptable XML: {e.Message}", e);
        }
        var root = document.Root;
        if (root is null || root.Name != "xml")
            throw new WeChatXmlException(WeChatXmlError.Malformed, "The root element is not <xml>.");
        return root;
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
