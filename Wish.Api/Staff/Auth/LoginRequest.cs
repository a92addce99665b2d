using FluentValidation;
using WeChatWish.Api.Auth;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Auth;

public sealed record LoginRequest(string? Username, string? Password);

/// <summary>The token and who it is for: the console shows the name and limits its pages by role and district.</summary>
public sealed record LoginResponse(string AccessToken, DateTimeOffset ExpiresAt, StaffRole Role, Guid Id, string UserName, string? DistrictCode)
{
    public static LoginResponse For(IssuedToken token, StaffUser user) =>
        new(token.AccessToken, token.ExpiresAt, user.Role, user.Id, user.UserName, user.DistrictCode);
}

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
