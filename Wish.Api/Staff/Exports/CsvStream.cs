using System.Text;
using Microsoft.Net.Http.Headers;

namespace WeChatWish.Api.Staff.Exports;

/// <summary>
/// A CSV download written row by row as the database hands the rows over, so an export of a million rows holds one row in
/// memory, not the file: UTF-8 with a BOM (Excel on a Chinese desktop), cells escaped and formulas neutralised by
/// <see cref="CsvWriter"/>.
/// </summary>
public sealed class CsvStream(string fileName, IReadOnlyList<string> header, IAsyncEnumerable<IEnumerable<string?>> rows) : IResult
{
    private const int FlushEvery = 1000;

    public async Task ExecuteAsync(HttpContext http)
    {
        http.Response.ContentType = "text/csv; charset=utf-8";
        http.Response.Headers.ContentDisposition =
            new ContentDispositionHeaderValue("attachment") { FileName = fileName, FileNameStar = fileName }.ToString();
        var body = http.Response.Body;
        await body.WriteAsync(Encoding.UTF8.Preamble.ToArray(), http.RequestAborted);
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);
        await writer.WriteAsync(CsvWriter.Line(header));
        var written = 0;
        await foreach (var row in rows.WithCancellation(http.RequestAborted))
        {
            await writer.WriteAsync(CsvWriter.Line(row));
            if (++written % FlushEvery == 0) await writer.FlushAsync(http.RequestAborted);
        }
        await writer.FlushAsync(http.RequestAborted);
    }
}
