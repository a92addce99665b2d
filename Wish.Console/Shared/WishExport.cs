namespace WeChatWish.Console.Shared;

/// <summary>The wishes export's address for a list's filters, so an export holds what the list shows.</summary>
public static class WishExport
{
    public static string Url(int? year, string? round, string? status, string? district) =>
        "api/admin/exports/wishes.csv" + new QueryString()
            .Add(round is null ? "year" : "round", round ?? year?.ToString())
            .Add("status", status).Add("districtCode", district);
}
