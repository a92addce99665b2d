using FluentValidation;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Auth;

public sealed record LoginRequest(string? Username, string? Password);

public sealed record LoginResponse(string AccessToken, DateTimeOffset ExpiresAt, StaffRole Role);

public sealed class LoginRequestValidator : AbstractValidator<LoginRequest>
{
    /// <summary>Hashing is deliberately slow; refusing absurd lengths keeps a request from costing more than a login.</summary>
    public const int PasswordMaxLength = 128;

    public LoginRequestValidator()
    {
        RuleFor(r => r.Username).NotEmpty().WithMessage("请输入用户名。")
            .MaximumLength(StaffUser.UserNameMaxLength).WithMessage($"用户名不能超过{StaffUser.UserNameMaxLength}个字符。");
        RuleFor(r => r.Password).NotEmpty().WithMessage("请输入密码。")
            .MaximumLength(PasswordMaxLength).WithMessage($"密码不能超过{PasswordMaxLength}个字符。");
    }
}
