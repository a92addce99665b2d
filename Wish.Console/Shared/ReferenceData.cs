using WeChatWish.Console.Api;

namespace WeChatWish.Console.Shared;

public sealed record CodeName(string Code, string Name);

/// <summary>Districts and categories from the API, loaded once per browser tab.</summary>
public sealed class ReferenceData(ApiClient api)
{
    private Task? _loading;

    public IReadOnlyList<CodeName> Districts { get; private set; } = [];
    public IReadOnlyList<CodeName> Categories { get; private set; } = [];

    public Task LoadAsync() => _loading ??= LoadCoreAsync();

    private async Task LoadCoreAsync()
    {
        var districts = api.GetAsync<List<CodeName>>("api/districts");
        var categories = api.GetAsync<List<CodeName>>("api/categories");
        Districts = await districts;
        Categories = await categories;
    }

    public string DistrictName(string? code) => Districts.FirstOrDefault(d => d.Code == code)?.Name ?? code ?? "—";

    public string CategoryName(string? code) => Categories.FirstOrDefault(c => c.Code == code)?.Name ?? code ?? "—";
}

/// <summary>The Chinese names of the API's enum values.</summary>
public static class Labels
{
    public static readonly IReadOnlyList<(string Code, string Name)> WishStatuses =
    [
        ("submitted", "待审核"), ("verified", "已审核"), ("published", "已发布"), ("claimed", "已认领"),
        ("fulfilled", "已实现"), ("confirmed", "已回访确认"), ("rejected", "未通过"), ("withdrawn", "已撤回"),
    ];

    public static readonly IReadOnlyList<(string Code, string Name)> Urgencies = [("normal", "一般"), ("urgent", "紧急"), ("critical", "特急")];

    public static readonly IReadOnlyList<(string Code, string Name)> Channels =
        [("wechat", "公众号"), ("hotline", "热线电话"), ("visit", "走访"), ("import", "导入")];

    public static readonly IReadOnlyList<(string Code, string Name)> Kinds = [("goods", "物品"), ("service", "服务")];

    public static readonly IReadOnlyList<(string Code, string Name)> Flags =
        [("second_in_12_months", "12个月内第二次"), ("over_soft_cost_limit", "超出费用提示线"), ("contact_in_content", "内容含联系方式")];

    public static readonly IReadOnlyList<(string Code, string Name)> ClaimStatuses =
        [("active", "进行中"), ("fulfilled", "已完成"), ("released", "已放弃"), ("expired", "已过期"), ("revoked", "已撤销")];

    public static string Of(IReadOnlyList<(string Code, string Name)> list, string? code) =>
        list.FirstOrDefault(x => x.Code == code).Name ?? code ?? "—";

    public static string Status(string? code) => code == "draft" ? "草稿" : Of(WishStatuses, code);
}
