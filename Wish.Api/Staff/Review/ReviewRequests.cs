using FluentValidation;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Review;

public sealed record VerifyRequest(Urgency? Urgency, string? Category, string? Note, string? OverrideReason);

public sealed record ReasonRequest(string? Reason);

/// <summary>The review queue's filters; strings so that a wrong value gets a Chinese message, not a binding failure.</summary>
public sealed record WishListQuery(string? Status, string? Round, string? DistrictCode, string? Category, string? Channel,
    bool? Flagged, int? Page, int? PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public WishStatus? StatusValue => ApiEnum.Parse<WishStatus>(Status);

    public WishChannel? ChannelValue => ApiEnum.Parse<WishChannel>(Channel);

    public WishCategory? CategoryValue => Categories.TryFromCode(Category, out var c) ? c : null;

    public Round? RoundValue => Domain.Round.TryParse(Round, out var r) ? r : null;
}

public sealed class VerifyRequestValidator : AbstractValidator<VerifyRequest>
{
    public VerifyRequestValidator()
    {
        RuleFor(r => r.Urgency).NotNull().WithMessage("请选择紧急程度：normal、urgent 或 critical。");
        RuleFor(r => r.Category).Must(c => c is null || Categories.TryFromCode(c, out _)).WithMessage("请从列表中选择受助人类别。");
        RuleFor(r => r.Note).MaximumLength(Wish.NoteMaxLength).WithMessage($"审核意见不能超过{Wish.NoteMaxLength}个字。");
        RuleFor(r => r.OverrideReason).MaximumLength(Wish.ReasonMaxLength).WithMessage($"特批理由不能超过{Wish.ReasonMaxLength}个字。");
    }
}

public sealed class ReasonRequestValidator : AbstractValidator<ReasonRequest>
{
    public ReasonRequestValidator() =>
        RuleFor(r => r.Reason).NotEmpty().WithMessage("请填写原因。")
            .MaximumLength(Wish.ReasonMaxLength).WithMessage($"原因不能超过{Wish.ReasonMaxLength}个字。");
}

public sealed class WishListQueryValidator : AbstractValidator<WishListQuery>
{
    public WishListQueryValidator()
    {
        RuleFor(q => q.Status).Must((q, s) => s is null || q.StatusValue is not null).WithMessage("状态应为 submitted、verified、published 等。");
        RuleFor(q => q.Round).Must((q, r) => r is null || q.RoundValue is not null).WithMessage("轮次格式为yyyyMM，如202612。");
        RuleFor(q => q.Category).Must((q, c) => c is null || q.CategoryValue is not null).WithMessage("请从列表中选择受助人类别。");
        RuleFor(q => q.Channel).Must((q, c) => c is null || q.ChannelValue is not null).WithMessage("渠道应为 wechat、hotline、visit 或 import。");
        RuleFor(q => q.Page).GreaterThanOrEqualTo(1).WithMessage("页码从1开始。");
        RuleFor(q => q.PageSize).InclusiveBetween(1, WishListQuery.MaxPageSize).WithMessage($"每页条数应在1到{WishListQuery.MaxPageSize}之间。");
    }
}
