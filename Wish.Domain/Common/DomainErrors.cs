namespace WeChatWish.Domain;

/// <summary>The errors raised in more than one place, so that each is worded once.</summary>
public static class DomainErrors
{
    public const string WishAlreadyClaimedMessage = "这个心愿刚刚被其他志愿者认领了，请看看其他心愿。";

    public static NotFoundException WishNotFound() => new(DomainErrorCodes.WishNotFound, "找不到这个心愿。");

    public static NotFoundException VolunteerNotFound() => new(DomainErrorCodes.VolunteerNotFound, "找不到这位志愿者。");

    public static NotFoundException ClaimNotFound() => new(DomainErrorCodes.ClaimNotFound, "找不到这条认领记录。");

    public static NotFoundException ActivityNotFound() => new(DomainErrorCodes.ActivityNotFound, "找不到这个活动。");

    public static NotFoundException ShiftNotFound() => new(DomainErrorCodes.ActivityShiftNotFound, "找不到这个活动班次。");

    public static NotFoundException RewardNotFound() => new(DomainErrorCodes.RewardNotFound, "找不到这个回馈项目。");

    public static NotFoundException RedemptionNotFound() => new(DomainErrorCodes.RedemptionNotFound, "找不到这条兑换记录。");

    public static NotFoundException OrganisationNotFound() => new(DomainErrorCodes.OrganisationNotFound, "找不到这个组织。");

    public static NotFoundException ProjectNotFound() => new(DomainErrorCodes.ProjectNotFound, "找不到这个项目。");

    public static NotFoundException BeneficiaryNotFound() => new(DomainErrorCodes.BeneficiaryNotFound, "找不到这位受助人。");

    public static RuleViolationException PointsNotEnough() => new(DomainErrorCodes.PointsNotEnough, "您的爱心积分不够兑换这个项目。");
}
