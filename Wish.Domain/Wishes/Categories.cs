namespace WeChatWish.Domain;

/// <summary>Who a wish helps (DESIGN.md §1). Member names give the API codes under snake_case-lower.</summary>
public enum WishCategory
{
    PoorHousehold,
    Dibao,
    PoorStudent,
    ElderlyAlone,
    PartyMemberHardship,
    SanitationWorker,
    Disabled,
    LeftBehindChild,
    Other,
}

public sealed record CategoryInfo(WishCategory Value, string Code, string Name);

/// <summary>The reference list served by <c>GET /api/categories</c>.</summary>
public static class Categories
{
    public static IReadOnlyList<CategoryInfo> All { get; } =
    [
        new(WishCategory.PoorHousehold, "poor_household", "贫困户"),
        new(WishCategory.Dibao, "dibao", "低保户"),
        new(WishCategory.PoorStudent, "poor_student", "贫困学生"),
        new(WishCategory.ElderlyAlone, "elderly_alone", "孤寡老人"),
        new(WishCategory.PartyMemberHardship, "party_member_hardship", "困难老党员"),
        new(WishCategory.SanitationWorker, "sanitation_worker", "环卫工人"),
        new(WishCategory.Disabled, "disabled", "残疾人"),
        new(WishCategory.LeftBehindChild, "left_behind_child", "留守儿童"),
        new(WishCategory.Other, "other", "其他"),
    ];

    public static CategoryInfo Of(WishCategory category) => All.First(c => c.Value == category);

    public static bool TryFromCode(string? code, out WishCategory category)
    {
        var info = All.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.Ordinal));
        category = info?.Value ?? default;
        return info is not null;
    }
}
