using System.Text.RegularExpressions;
using FluentValidation;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Domain;

namespace WeChatWish.Api.Wishes;

/// <summary>A wish as any channel hands it in: the WeChat conversation, the hotline, a visit, an import row.</summary>
public sealed record WishSubmission(
    WishChannel Channel,
    BeneficiaryDetails Beneficiary,
    string Category,
    string Kind,
    string DistrictCode,
    string Content,
    decimal EstimatedCost,
    IReadOnlyList<PhotoInput>? Photos = null,
    string? OpenId = null);

public sealed record BeneficiaryDetails(string Name, string Phone, string? Address = null, string? IdNumber = null);

public sealed record PhotoInput(string? MediaId, string Url);

/// <summary>
/// The one set of checks for every channel, so a hotline wish and a WeChat wish are held to the same rules.
/// Messages say what to send instead, in words an elderly beneficiary (or the staff member reading them out) can use.
/// </summary>
public sealed partial class WishSubmissionValidator : AbstractValidator<WishSubmission>
{
    public const string MobilePattern = "^1[3-9][0-9]{9}$";

    public WishSubmissionValidator(WishRules rules, DistrictDirectory districts)
    {
        RuleFor(w => w.Beneficiary).NotNull().WithMessage("请填写受助人信息。");
        RuleFor(w => w.Beneficiary.Name).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("请告诉我们您的姓名。")
            .MaximumLength(Beneficiary.NameMaxLength).WithMessage($"姓名请不要超过{Beneficiary.NameMaxLength}个字。")
            .Must(Beneficiary.IsPlausibleName).WithMessage("请填写真实姓名，至少两个字，不含数字，例如：王秀英。")
            .When(w => w.Beneficiary is not null);
        RuleFor(w => w.Beneficiary.Phone).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("请留下手机号码，方便志愿者联系您。")
            .Must(IsMainlandMobile).WithMessage("手机号码应为11位数字，以1开头，例如 13812345678。")
            .When(w => w.Beneficiary is not null);
        RuleFor(w => w.Beneficiary.Address).MaximumLength(Beneficiary.AddressMaxLength)
            .WithMessage($"地址请不要超过{Beneficiary.AddressMaxLength}个字。").When(w => w.Beneficiary is not null);
        RuleFor(w => w.Category).Must(c => Categories.TryFromCode(c, out _))
            .WithMessage("请从列表中选择受助人类别。");
        RuleFor(w => w.Kind).Must(k => TryParseKind(k, out _)).WithMessage("请选择需要物品（goods）还是服务（service）。");
        RuleFor(w => w.DistrictCode).MustAsync((code, ct) => districts.ExistsAsync(code, ct))
            .WithMessage("请从列表中选择所在区。");
        RuleFor(w => w.Content).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("请说说您的心愿，例如：想要一个书包。")
            .Must(c => c.Trim().Length >= Wish.ContentMinLength).WithMessage($"心愿内容至少{Wish.ContentMinLength}个字，例如：想要一个书包。")
            .Must(c => c.Trim().Length <= Wish.ContentMaxLength).WithMessage($"心愿内容请不要超过{Wish.ContentMaxLength}个字。");
        RuleFor(w => w.EstimatedCost)
            .GreaterThan(0).WithMessage("请填写大概需要多少钱，例如：80。")
            .LessThanOrEqualTo(rules.HardCostLimit).WithMessage($"心愿的费用不能超过{rules.HardCostLimit:0.##}元，请换一个小一些的心愿。")
            .Must(c => decimal.Round(c, 2) == c).WithMessage("金额最多保留两位小数。");
        RuleFor(w => w.Photos).Must(p => p is null || p.Count <= Wish.MaxPhotos).WithMessage($"每个心愿最多{Wish.MaxPhotos}张照片。");
    }

    public static bool IsMainlandMobile(string? phone) => phone is not null && MobileRegex().IsMatch(phone);

    public static bool TryParseKind(string? kind, out WishKind value)
    {
        value = kind switch { "goods" => WishKind.Goods, "service" => WishKind.Service, _ => (WishKind)(-1) };
        return Enum.IsDefined(value);
    }

    [GeneratedRegex(MobilePattern)]
    private static partial Regex MobileRegex();
}
