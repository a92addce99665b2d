namespace WeChatWish.Console.Api;

/// <summary>The part of the API's wish answer the entry page needs after creating one.</summary>
public sealed record EnteredWish(Guid Id, string Code, string Status, string Round);

public sealed record ImportPreviewRow(int Row, string Name, string DistrictCode, string Category, string Kind, string Content, decimal EstimatedCost);

public sealed record ImportPreview(List<ImportPreviewRow> Rows, int Valid, string Encoding);

public sealed record ImportResult(int Imported, List<string> Codes, string Encoding);

public sealed record ImportHistoryLine(Guid Id, DateTimeOffset At, string StaffUserName, string? DistrictCode, string? FileName, int Rows,
    int Imported, int Errors);

public sealed record ImportHistoryPage(List<ImportHistoryLine> Items, int Total, int Page, int PageSize);
