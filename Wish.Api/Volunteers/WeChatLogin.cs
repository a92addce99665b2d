using FluentValidation;

namespace WeChatWish.Api.Volunteers;

/// <summary>The <c>wx.login</c> code the mini-program hands over once.</summary>
public sealed record WeChatLoginRequest(string Code);

public sealed class WeChatLoginRequestValidator : AbstractValidator<WeChatLoginRequest>
{
    /// <summary>Real codes are 32 characters; anything far longer is not one.</summary>
    public const int CodeMaxLength = 128;

    public WeChatLoginRequestValidator()
    {
        RuleFor(r => r.Code).Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("缺少登录凭证（wx.login 的 code）。")
            .MaximumLength(CodeMaxLength).WithMessage("登录凭证格式不正确。");
    }
}

public sealed record WeChatLoginResponse(string AccessToken, DateTimeOffset ExpiresAt, bool ProfileComplete, VolunteerResponse Volunteer);
