using FluentValidation;
using WeChatWish.Api.Staff;
using WeChatWish.Domain;

namespace WeChatWish.Api.LoveBank;

/// <summary><c>POST /api/admin/rewards</c>: stock null is unlimited.</summary>
public sealed record CreateRewardRequest(string? Name, string? Partner, int? PointsCost, int? Stock, int? PerVolunteerLimit,
    DateTimeOffset? ValidFrom, DateTimeOffset? ValidTo, int? MinStarLevel);

public sealed class CreateRewardRequestValidator : AbstractValidator<CreateRewardRequest>
{
    public CreateRewardRequestValidator()
    {
        RuleFor(r => r.Name).NotEmpty().WithMessage("请填写名称。").MaximumLength(Reward.NameMaxLength).WithMessage($"名称不能超过{Reward.NameMaxLength}个字。");
        RuleFor(r => r.Partner).NotEmpty().WithMessage("请填写合作单位。")
            .MaximumLength(Reward.PartnerMaxLength).WithMessage($"合作单位不能超过{Reward.PartnerMaxLength}个字。");
        RuleFor(r => r.PointsCost).NotNull().WithMessage("请填写所需积分。")
            .InclusiveBetween(1, LedgerEntry.MaxPoints).WithMessage($"所需积分应在1到{LedgerEntry.MaxPoints}之间。");
        RuleFor(r => r.Stock).InclusiveBetween(0, Reward.MaxStock).WithMessage($"库存应在0到{Reward.MaxStock}之间；不限量请留空。");
        RuleFor(r => r.PerVolunteerLimit).InclusiveBetween(1, 1000).WithMessage("每人限兑次数应在1到1000之间；不限请留空。");
        RuleFor(r => r.ValidTo).GreaterThan(r => r.ValidFrom).WithMessage("有效期的结束应晚于开始。").When(r => r.ValidFrom is not null && r.ValidTo is not null);
        RuleFor(r => r.MinStarLevel).InclusiveBetween(1, WishRules.StarLevelHours.Count).WithMessage("星级要求应在1到5之间。");
    }
}

/// <summary><c>POST /api/admin/volunteers/{id}/points</c>: a staff adjustment, positive or negative, with the reason.</summary>
public sealed record PointsRequest(int? Points, string? Reason);

public sealed class PointsRequestValidator : AbstractValidator<PointsRequest>
{
    public PointsRequestValidator()
    {
        RuleFor(r => r.Points).NotNull().WithMessage("请填写积分。").NotEqual(0).WithMessage("调整的积分不能为0。")
            .InclusiveBetween(-LedgerEntry.MaxPoints, LedgerEntry.MaxPoints).WithMessage("积分超出范围。");
        RuleFor(r => r.Reason).NotEmpty().WithMessage("请填写调整原因。")
            .MaximumLength(LedgerEntry.ReasonMaxLength).WithMessage($"原因不能超过{LedgerEntry.ReasonMaxLength}个字。");
    }
}

public sealed record RedemptionQuery(string? Status, string? Code, int? Page, int? PageSize)
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 100;
}

public sealed class RedemptionQueryValidator : AbstractValidator<RedemptionQuery>
{
    public RedemptionQueryValidator()
    {
        RuleFor(q => q.Status).Must(s => s is null || ApiEnum.Parse<RedemptionStatus>(s) is not null)
            .WithMessage("状态应为 reserved、collected、cancelled 或 expired。");
        RuleFor(q => q.Code).MaximumLength(Redemption.CodeLength).WithMessage("兑换码不正确。");
        this.PagingRules(q => q.Page, q => q.PageSize, RedemptionQuery.MaxPageSize);
    }
}
