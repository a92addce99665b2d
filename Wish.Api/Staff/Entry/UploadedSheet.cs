using System.Globalization;
using MiniExcelLibs;

namespace WeChatWish.Api.Staff.Entry;

/// <summary>An uploaded file as it came: its name and content type (multipart) or the body's content type, and its bytes.</summary>
public sealed record Upload(string? FileName, string? ContentType, byte[] Bytes)
{
    public const string XlsxContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>An .xlsx by name or content type, or by its zip signature whatever it was called (a workbook is never CSV).</summary>
    public bool IsXlsx =>
        FileName?.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) == true
        || ContentType?.StartsWith(XlsxContentType, StringComparison.OrdinalIgnoreCase) == true
        || Bytes.AsSpan().StartsWith("PK\u0003\u0004"u8);
}

/// <summary>
/// The rows of an uploaded CSV or .xlsx as strings with their spreadsheet row numbers (the header is row 1), blank rows left out,
/// so the wish import and the roster import validate both kinds of file with the same code.
/// </summary>
public static class UploadedSheet
{
    public static (List<(int Line, string[] Fields)> Records, string Encoding) Read(Upload upload, int maxRecords)
    {
        var (records, encoding) = Rows(upload);
        return (records.Take(maxRecords).ToList(), encoding);
    }

    /// <summary>
    /// The same rows, read lazily: an .xlsx is parsed as it is enumerated, so a background import checks its first rows while the
    /// rest of the sheet is still unread (a CSV is decoded whole first; it is cheap). An unreadable workbook throws while enumerating.
    /// </summary>
    public static (IEnumerable<(int Line, string[] Fields)> Records, string Encoding) Rows(Upload upload)
    {
        if (upload.IsXlsx) return (ReadXlsx(upload.Bytes), "XLSX");
        var (text, encoding) = CsvText.Decode(upload.Bytes);
        return (CsvText.Parse(text).Where(r => !IsBlank(r.Fields)), encoding);
    }

    /// <summary>
    /// The first worksheet, each cell as the text a person sees: whole numbers without exponent (a phone 13800000000), dates as
    /// yyyy-MM-dd. The caller stops enumerating when it has enough rows to refuse the file.
    /// </summary>
    private static IEnumerable<(int Line, string[] Fields)> ReadXlsx(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes, writable: false);
        IEnumerator<dynamic> rows;
        try
        {
            rows = stream.Query(useHeaderRow: false, excelType: ExcelType.XLSX).GetEnumerator();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            throw Unreadable();
        }
        using (rows)
        {
            var line = 0;
            while (true)
            {
                string[] fields;
                try
                {
                    if (!rows.MoveNext()) yield break;
                    fields = ((IDictionary<string, object?>)rows.Current).Values.Select(Text).ToArray();
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    throw Unreadable();
                }
                // MiniExcel yields the gaps between rows as empty rows, so the count is the sheet's row number.
                line++;
                if (!IsBlank(fields)) yield return (line, fields);
            }
        }
    }

    private static CsvFileException Unreadable() =>
        new("无法读取这个Excel文件，它可能已损坏或不是.xlsx格式。请在Excel中重新“另存为”Excel工作簿（.xlsx）或CSV（逗号分隔）文件后再导入。");

    private static bool IsBlank(string[] fields) => fields.All(string.IsNullOrWhiteSpace);

    private static string Text(object? value) => value switch
    {
        null => "",
        string s => s,
        double d when d == Math.Floor(d) && Math.Abs(d) < 1e15 => ((long)d).ToString(CultureInfo.InvariantCulture),
        // 15 significant digits, as Excel shows a number; no exponent.
        double d => Math.Abs(d) < 7.9e27 ? ((decimal)d).ToString(CultureInfo.InvariantCulture) : d.ToString(CultureInfo.InvariantCulture),
        DateTime t when t.TimeOfDay == TimeSpan.Zero => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
        bool b => b ? "TRUE" : "FALSE",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };
}
