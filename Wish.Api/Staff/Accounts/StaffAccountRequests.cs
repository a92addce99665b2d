using FluentValidation;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Accounts;

public sealed record CreateStaffRequest(string? UserName, string? Password, StaffRole? Role, string? DistrictCode);

public sealed record ResetPasswordRequest(string? Password);

/// <summary>An account; <c>lockedUntil</c> is the latest sign-in lock any client address holds on its name.</summary>
public sealed record StaffAccount(Guid Id, string UserName, StaffRole Role, string? DistrictCode, bool IsActive,
    DateTimeOffset? LockedUntil, DateTimeOffset? LastLoginAt, DateTimeOffset CreatedAt)
{
    public static StaffAccount Of(StaffUser u) => Of(u, null);

    public static StaffAccount Of(StaffUser u, DateTimeOffset? lockedUntil) =>
        new(u.Id, u.UserName, u.Role, u.DistrictCode, u.IsActive, lockedUntil, u.LastLoginAt, u.CreatedAt);
}

public static class StaffPassword
{
    public const int MinLength = 10;
    public const int MaxLength = 128;

    public static IRuleBuilderOptions<T, string?> StaffPasswordRules<T>(this IRuleBuilder<T, string?> rule) => rule
        .NotEmpty().WithMessage("请设置密码。")
        .MinimumLength(MinLength).WithMessage($"密码至少{MinLength}个字符。")
        .MaximumLength(MaxLength).WithMessage($"密码不能超过{MaxLength}个字符。")
        .Must(p => p is not null && p.Any(char.IsLetter) && p.Any(char.IsDigit)).WithMessage("密码需同时包含字母和数字。");
}

public sealed class CreateStaffRequestValidator : AbstractValidator<CreateStaffRequest>
{
    public CreateStaffRequestValidator(DistrictDirectory districts)
    {
        RuleFor(r => r.UserName).NotEmpty().WithMessage("请填写用户名。")
            .MaximumLength(StaffUser.UserNameMaxLength).WithMessage($"用户名不能超过{StaffUser.UserNameMaxLength}个字符。")
            .Matches("^[A-Za-z0-9._-]+$").WithMessage("用户名只能包含字母、数字、点、下划线和连字符。");
        RuleFor(r => r.Password).StaffPasswordRules();
        RuleFor(r => r.Role).NotNull().WithMessage("请选择角色：admin、reviewer 或 district_coordinator。");
        RuleFor(r => r.DistrictCode).NotEmpty().WithMessage("区协调员必须指定所在区。")
            .When(r => r.Role == StaffRole.DistrictCoordinator);
        RuleFor(r => r.DistrictCode).MustAsync((code, ct) => districts.ExistsAsync(code, ct)).WithMessage("请从列表中选择所在区。")
            .When(r => r.Role == StaffRole.DistrictCoordinator && !string.IsNullOrEmpty(r.DistrictCode));
    }
}

public sealed class ResetPasswordRequestValidator : AbstractValidator<ResetPasswordRequest>
{
    public ResetPasswordRequestValidator() => RuleFor(r => r.Password).StaffPasswordRules();
}
