using FluentValidation;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Api.Wishes;
using WeChatWish.Domain;

namespace WeChatWish.Api.Browse;

/// <summary>The query string of <c>GET /api/wishes</c>.</summary>
public sealed record BrowseQuery(string? DistrictCode, string? Category, string? Kind, string? Q, string? Cursor, int? Limit)
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;
    public const int QueryMaxLength = 50;
}

public sealed class BrowseQueryValidator : AbstractValidator<BrowseQuery>
{
    public BrowseQueryValidator(DistrictDirectory districts)
    {
        RuleFor(q => q.DistrictCode).MustAsync((code, ct) => districts.ExistsAsync(code, ct))
            .When(q => q.DistrictCode is not null).WithMessage("没有这个区，请从列表中选择。");
        RuleFor(q => q.Category).Must(c => Categories.TryFromCode(c, out _))
            .When(q => q.Category is not null).WithMessage("没有这个受助人类别，请从列表中选择。");
        RuleFor(q => q.Kind).Must(k => WishSubmissionValidator.TryParseKind(k, out _))
            .When(q => q.Kind is not null).WithMessage("类型应为 goods（物品）或 service（服务）。");
        RuleFor(q => q.Q).MaximumLength(BrowseQuery.QueryMaxLength)
            .WithMessage($"搜索内容不能超过{BrowseQuery.QueryMaxLength}个字。");
        RuleFor(q => q.Cursor).Must(c => BrowseCursor.TryDecode(c, out _))
            .When(q => q.Cursor is not null).WithMessage("分页游标无效，请从第一页重新加载。");
        RuleFor(q => q.Limit).InclusiveBetween(1, BrowseQuery.MaxLimit)
            .When(q => q.Limit is not null).WithMessage($"每页条数应在1到{BrowseQuery.MaxLimit}之间。");
    }
}
