using System.Text;

namespace WeChatWish.Api.Staff.Exports;

/// <summary>RFC 4180 CSV as UTF-8 with a BOM, which is what makes Excel on a Chinese desktop open it with the characters intact.</summary>
public sealed class CsvWriter
{
    private readonly StringBuilder _text = new();

    public CsvWriter Row(params IEnumerable<string?> cells)
    {
        _text.AppendJoin(',', cells.Select(Escape)).Append("\r\n");
        return this;
    }

    public byte[] ToBytes() => [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(_text.ToString())];

    /// <summary>One row with its line end, escaped as <see cref="Row"/> does.</summary>
    public static string Line(IEnumerable<string?> cells) => string.Join(',', cells.Select(Escape)) + "\r\n";

    /// <summary>
    /// A cell starting with = + - @, a tab or a CR would run as a formula in Excel; wish content comes from the public,
    /// so such a cell gets a leading apostrophe. The .xlsx exports neutralise their cells the same way.
    /// </summary>
    public static string Neutralise(string? value)
    {
        var text = value ?? "";
        return text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r' ? "'" + text : text;
    }

    private static string Escape(string? value)
    {
        var text = Neutralise(value);
        return text.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
