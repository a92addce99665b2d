using System.Text;

namespace WeChatWish.Api.Staff.Entry;

/// <summary>What was wrong with an uploaded file as a whole.</summary>
public sealed class CsvFileException(string message) : Exception(message);

/// <summary>
/// Turns uploaded bytes into CSV records. Encodings: UTF-8 with or without BOM, UTF-16 with BOM, and GB18030 (a superset of
/// GBK, which Chinese Excel writes for "CSV (逗号分隔)") when the bytes are not valid UTF-8. Anything else is refused, never guessed.
/// </summary>
public static class CsvText
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(false, throwOnInvalidBytes: true);

    static CsvText() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static (string Text, string Encoding) Decode(ReadOnlySpan<byte> bytes)
    {
        // An .xlsx never gets here (UploadedSheet reads it); the old binary .xls is not read at all.
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0]))
            throw new CsvFileException("上传的是旧版Excel工作簿（.xls），请在Excel中“另存为”Excel工作簿（.xlsx）或CSV（逗号分隔）文件后再导入。");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) return (Strict(StrictUtf8, bytes[3..]), "UTF-8");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE])) return (Strict(new UnicodeEncoding(false, false, true), bytes[2..]), "UTF-16LE");
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF])) return (Strict(new UnicodeEncoding(true, false, true), bytes[2..]), "UTF-16BE");
        if (bytes.Contains((byte)0)) throw Unreadable();
        if (TryStrict(StrictUtf8, bytes, out var utf8)) return (utf8, "UTF-8");
        var gb18030 = Encoding.GetEncoding("GB18030", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback);
        if (TryStrict(gb18030, bytes, out var gbk)) return (gbk, "GB18030");
        throw Unreadable();
    }

    /// <summary>RFC 4180 records with their 1-based line numbers: quoted fields may hold commas, quotes ("") and line breaks.</summary>
    public static List<(int Line, string[] Fields)> Parse(string text)
    {
        var records = new List<(int, string[])>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else { if (c == '\n') line++; field.Append(c); }
                continue;
            }
            switch (c)
            {
                case '"' when field.Length == 0: quoted = true; break;
                case ',': fields.Add(field.ToString()); field.Clear(); break;
                case '\r': break;
                case '\n':
                    fields.Add(field.ToString()); field.Clear();
                    records.Add((recordLine, fields.ToArray())); fields.Clear();
                    recordLine = ++line;
                    break;
                default: field.Append(c); break;
            }
        }
        if (quoted) throw new CsvFileException($"第{recordLine}行的引号没有闭合，请检查文件。");
        if (field.Length > 0 || fields.Count > 0) { fields.Add(field.ToString()); records.Add((recordLine, fields.ToArray())); }
        return records;
    }

    private static CsvFileException Unreadable() =>
        new("无法识别文件编码，请将文件另存为“CSV UTF-8（逗号分隔）”后再导入。");

    private static string Strict(Encoding encoding, ReadOnlySpan<byte> bytes) =>
        TryStrict(encoding, bytes, out var text) ? text : throw Unreadable();

    private static bool TryStrict(Encoding encoding, ReadOnlySpan<byte> bytes, out string text)
    {
        try { text = encoding.GetString(bytes); return true; }
        catch (DecoderFallbackException) { text = ""; return false; }
    }

    /// <summary>
    /// Where each known column stands in a header row (names compared without spaces, case or a BOM; the first match wins),
    /// or null with the labels of the required columns it lacks. The wish import and the entitlement roster both read theirs so.
    /// </summary>
    public static Dictionary<string, int>? MapHeader(string[] header,
        IReadOnlyList<(string Key, string Label, bool Required, string[] Aliases)> known, out IReadOnlyList<string> missing)
    {
        var index = new Dictionary<string, int>();
        for (var i = 0; i < header.Length; i++)
        {
            var name = header[i].Trim().Trim('\uFEFF').Replace(" ", "").ToLowerInvariant();
            var column = known.FirstOrDefault(k => k.Aliases.Contains(name));
            if (column.Key is not null) index.TryAdd(column.Key, i);
        }
        missing = known.Where(k => k.Required && !index.ContainsKey(k.Key)).Select(k => k.Label).ToList();
        return missing.Count == 0 ? index : null;
    }
}
