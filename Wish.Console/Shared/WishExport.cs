namespace WeChatWish.Console.Shared;

/// <summary>The wishes export's address for a list's filters, so an export holds what the list shows.</summary>
public static class WishExport
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>What the file picker offers for imports: CSV and Excel workbooks.</summary>
    public const string ImportAccept = ".csv,text/csv,.xlsx," + XlsxType;

    /// <param name="format">csv or xlsx; the same columns and rows either way.</param>
    public static string Url(int? year, string? round, string? status, string? district, string format = "csv") =>
        $"api/admin/exports/wishes.{format}" + new QueryString()
            .Add(round is null ? "year" : "round", round ?? year?.ToString())
            .Add("status", status).Add("districtCode", district);
}

/// <summary>The content type an upload is sent with, by the chosen file's name.</summary>
public static class UploadType
{
    public static string Of(string fileName) =>
        fileName.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? WishExport.XlsxType : "text/csv";
}
