using FluentValidation;
using Microsoft.EntityFrameworkCore;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Review;

/// <summary>The filters the review queue and its status tabs share, so a tab's count is the number of rows it will list.</summary>
public interface IWishFilter
{
    string? Round { get; }
    string? DistrictCode { get; }
    string? Category { get; }
    string? Channel { get; }
    bool? Flagged { get; }

    /// <summary>A wish code, exactly or as a prefix, or words that must all appear in the content.</summary>
    string? Q { get; }

    WishChannel? ChannelValue => ApiEnum.Parse<WishChannel>(Channel);

    WishCategory? CategoryValue => Categories.TryFromCode(Category, out var c) ? c : null;

    Round? RoundValue => Domain.Round.TryParse(Round, out var r) ? r : null;
}

public static class WishFilter
{
    public const int QMaxLength = 100;

    /// <summary>Every filter but status; <paramref name="district"/> is the caller's effective district.</summary>
    public static IQueryable<Wish> Filter(this IQueryable<Wish> wishes, IWishFilter filter, string? district)
    {
        if (filter.RoundValue is { } round) wishes = wishes.Where(w => w.Round == round);
        if (district is not null) wishes = wishes.Where(w => w.DistrictCode == district);
        if (filter.CategoryValue is { } category) wishes = wishes.Where(w => w.Category == category);
        if (filter.ChannelValue is { } channel) wishes = wishes.Where(w => w.Channel == channel);
        if (filter.Flagged is { } flagged) wishes = flagged ? wishes.Where(w => w.Flags != WishFlags.None) : wishes.Where(w => w.Flags == WishFlags.None);
        if (!string.IsNullOrWhiteSpace(filter.Q)) wishes = wishes.Matching(filter.Q.Trim());
        return wishes;
    }

    private static IQueryable<Wish> Matching(this IQueryable<Wish> wishes, string q)
    {
        var codePrefix = EscapeLike(q.ToUpperInvariant()) + "%";
        var words = q.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        // A code has no spaces, so only a single word can be one (or its prefix).
        if (words.Length == 1) return wishes.Where(w => EF.Functions.Like(w.Code, codePrefix, @"\")
            || EF.Functions.ILike(w.Content, "%" + EscapeLike(q) + "%", @"\"));
        foreach (var word in words)
        {
            var pattern = "%" + EscapeLike(word) + "%";
            wishes = wishes.Where(w => EF.Functions.ILike(w.Content, pattern, @"\"));
        }
        return wishes;
    }

    private static string EscapeLike(string text) => text.Replace(@"\", @"\\").Replace("%", @"\%").Replace("_", @"\_");

    public static void AddFilterRules<T>(this AbstractValidator<T> validator) where T : IWishFilter
    {
        validator.RuleFor(q => q.Round).Must((q, r) => r is null || q.RoundValue is not null).WithMessage("轮次格式为yyyyMM，如202612。");
        validator.RuleFor(q => q.Category).Must((q, c) => c is null || q.CategoryValue is not null).WithMessage("请从列表中选择受助人类别。");
        validator.RuleFor(q => q.Channel).Must((q, c) => c is null || q.ChannelValue is not null).WithMessage("渠道应为 wechat、hotline、visit 或 import。");
        validator.RuleFor(q => q.Q).MaximumLength(QMaxLength).WithMessage($"搜索内容不能超过{QMaxLength}个字。");
    }
}
