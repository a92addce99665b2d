using FluentValidation;
using WeChatWish.Api.Staff;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Review;

/// <summary>What a verification sets, one wish at a time or in bulk.</summary>
public interface IVerifyFields
{
    Urgency? Urgency { get; }
    string? Category { get; }
    string? Note { get; }
}

public interface IReasonField
{
    string? Reason { get; }
}

public sealed record VerifyRequest(Urgency? Urgency, string? Category, string? Note, string? OverrideReason) : IVerifyFields;

public sealed record ReasonRequest(string? Reason) : IReasonField;

/// <summary>
/// The review queue's filters; strings so that a wrong value gets a Chinese message, not a binding failure. With
/// <c>masked</c> the beneficiaries come back masked and the read is not audited.
/// </summary>
public sealed record WishListQuery(string? Status, string? Round, string? DistrictCode, string? Category, string? Channel,
    bool? Flagged, string? Q, bool? Masked, int? Page, int? PageSize) : IWishFilter
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;

    public WishStatus? StatusValue => ApiEnum.Parse<WishStatus>(Status);
}

/// <summary>The status tabs' filters: the list's, without status and paging.</summary>
public sealed record WishCountsQuery(string? Round, string? DistrictCode, string? Category, string? Channel, bool? Flagged, string? Q)
    : IWishFilter;

public static class ReviewRules
{
    public static void AddVerifyRules<T>(this AbstractValidator<T> validator) where T : IVerifyFields
    {
        validator.RuleFor(r => r.Urgency).NotNull().WithMessage("请选择紧急程度：normal、urgent 或 critical。");
        validator.RuleFor(r => r.Category).Must(c => c is null || Categories.TryFromCode(c, out _)).WithMessage("请从列表中选择受助人类别。");
        validator.RuleFor(r => r.Note).MaximumLength(Wish.NoteMaxLength).WithMessage($"审核意见不能超过{Wish.NoteMaxLength}个字。");
    }

    public static void AddReasonRules<T>(this AbstractValidator<T> validator) where T : IReasonField =>
        validator.RuleFor(r => r.Reason).NotEmpty().WithMessage("请填写原因。")
            .MaximumLength(Wish.ReasonMaxLength).WithMessage($"原因不能超过{Wish.ReasonMaxLength}个字。");
}

public sealed class VerifyRequestValidator : AbstractValidator<VerifyRequest>
{
    public VerifyRequestValidator()
    {
        this.AddVerifyRules();
        RuleFor(r => r.OverrideReason).MaximumLength(Wish.ReasonMaxLength).WithMessage($"特批理由不能超过{Wish.ReasonMaxLength}个字。");
    }
}

public sealed class ReasonRequestValidator : AbstractValidator<ReasonRequest>
{
    public ReasonRequestValidator() => this.AddReasonRules();
}

public sealed class WishListQueryValidator : AbstractValidator<WishListQuery>
{
    public WishListQueryValidator()
    {
        RuleFor(q => q.Status).Must((q, s) => s is null || q.StatusValue is not null).WithMessage("状态应为 submitted、verified、published 等。");
        this.AddFilterRules();
        this.PagingRules(q => q.Page, q => q.PageSize, WishListQuery.MaxPageSize);
    }
}

public sealed class WishCountsQueryValidator : AbstractValidator<WishCountsQuery>
{
    public WishCountsQueryValidator() => this.AddFilterRules();
}
