using MiniExcelLibs;
using Microsoft.Net.Http.Headers;
using WeChatWish.Api.Staff.Entry;

namespace WeChatWish.Api.Staff.Exports;

/// <summary>
/// An .xlsx download of the same header and rows as <see cref="CsvStream"/>, every cell text, formulas neutralised as
/// <see cref="CsvWriter"/> does. MiniExcel takes the rows one at a time from the database, but its zip writer makes synchronous
/// writes, which Kestrel refuses on the response; so the workbook goes to a temporary file (deleted on close) and that file is
/// streamed. Memory stays flat; the disk holds one compressed workbook for the length of the request.
/// </summary>
public sealed class XlsxStream(string fileName, IReadOnlyList<string> header, IAsyncEnumerable<IEnumerable<string?>> rows) : IResult
{
    public async Task ExecuteAsync(HttpContext http)
    {
        var cancellationToken = http.RequestAborted;
        await using var file = new FileStream(Path.Combine(Path.GetTempPath(), $"export-{Guid.NewGuid():N}.xlsx"), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        await file.SaveAsAsync(Sheet(cancellationToken), printHeader: false, sheetName: Path.GetFileNameWithoutExtension(fileName),
            excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
        file.Position = 0;

        http.Response.ContentType = Upload.XlsxContentType;
        http.Response.ContentLength = file.Length;
        http.Response.Headers.ContentDisposition =
            new ContentDispositionHeaderValue("attachment") { FileName = fileName, FileNameStar = fileName }.ToString();
        await file.CopyToAsync(http.Response.Body, cancellationToken);
    }

    // The header is written as the first row (not MiniExcel's own header), so an export with no rows still has its columns.
    private async IAsyncEnumerable<Dictionary<string, object?>> Sheet(
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        yield return Row(header);
        await foreach (var row in rows.WithCancellation(cancellationToken)) yield return Row(row);
    }

    private static Dictionary<string, object?> Row(IEnumerable<string?> cells)
    {
        var row = new Dictionary<string, object?>();
        foreach (var cell in cells) row[$"c{row.Count}"] = cell is null ? null : CsvWriter.Neutralise(cell);
        return row;
    }
}
