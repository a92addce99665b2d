namespace WeChatWish.Console.Api;

/// <summary>The part of the API's wish answer the entry page needs after creating one.</summary>
public sealed record EnteredWish(Guid Id, string Code, string Status, string Round);

public sealed record ImportPreviewRow(int Row, string Name, string DistrictCode, string Category, string Kind, string Content, decimal EstimatedCost);

public sealed record ImportPreview(List<ImportPreviewRow> Rows, int Valid, string Encoding);

public sealed record ImportResult(int Imported, List<string> Codes, string Encoding);

public sealed record ImportHistoryLine(Guid Id, DateTimeOffset At, string StaffUserName, string? DistrictCode, string? FileName, int Rows,
    int Imported, int Errors);

public sealed record ImportHistoryPage(List<ImportHistoryLine> Items, int Total, int Page, int PageSize);

/// <summary>A background import (POST api/admin/imports/jobs) as the page polls it.</summary>
public sealed record ImportJob(Guid Id, string Status, string? FileName, int? Rows, int RowsChecked, int RowsValid, int ErrorRows,
    List<ApiRowError> RowErrors, int Imported, string? FirstCode, string? LastCode, string? Message)
{
    public bool IsFinished => Status is "succeeded" or "failed" or "cancelled";

    public string StatusLabel => Status switch
    {
        "queued" => "排队中",
        "running" => "检查中",
        "succeeded" => "已导入",
        "failed" => "未导入",
        "cancelled" => "已取消",
        _ => Status,
    };
}
