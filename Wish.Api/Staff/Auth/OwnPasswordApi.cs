using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Staff.Accounts;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Auth;

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed class ChangePasswordRequestValidator : AbstractValidator<ChangePasswordRequest>
{
    public ChangePasswordRequestValidator()
    {
        RuleFor(r => r.CurrentPassword).NotEmpty().WithMessage("请输入当前密码。")
            .MaximumLength(LoginRequestValidator.PasswordMaxLength).WithMessage($"密码不能超过{LoginRequestValidator.PasswordMaxLength}个字符。");
        RuleFor(r => r.NewPassword).StaffPasswordRules()
            .NotEqual(r => r.CurrentPassword).WithMessage("新密码不能与当前密码相同。");
    }
}

/// <summary>
/// A staff member changes their own password. Tokens issued before it stop working on every instance (as after an Admin's reset),
/// so the answer carries a fresh token for this session; a wrong current password counts towards the sign-in lockout.
/// </summary>
public static class OwnPasswordApi
{
    public const string WrongCurrentPassword = "当前密码不正确。";
    public const string Locked = "密码错误次数过多，请稍后再试。";

    public static IEndpointRouteBuilder MapOwnPassword(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/admin/auth").WithTags("Staff sign-in").RequireAuthorization(Policies.Staff).WithValidation()
            .MapPost("/password", Change).LimitedAsSignIn().WithSummary("Change your own password {currentPassword, newPassword}: a new token; earlier ones end");
        return app;
    }

    private static async Task<Results<Ok<LoginResponse>, ValidationProblem>> Change(ChangePasswordRequest request, CurrentStaff staff,
        WishDbContext db, IPasswordHasher<StaffUser> hasher, TokenIssuer tokens, SignInLockout lockout, IMemoryCache cache,
        TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var user = await db.StaffUsers.FirstAsync(u => u.Id == staff.Id, cancellationToken);
        var address = http.Connection.RemoteIpAddress;
        if (await lockout.LockedUntilAsync(user.UserName, address) is not null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currentPassword"] = [Locked] }, title: Locked);
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword!) == PasswordVerificationResult.Failed)
        {
            await lockout.FailedAsync(user.UserName, address);
            db.Record(staff, "staff.password_change_failed", nameof(StaffUser), user.Id.ToString(), null, now);
            await db.SaveChangesAsync(cancellationToken);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currentPassword"] = [WrongCurrentPassword] },
                title: WrongCurrentPassword);
        }

        user.ChangePassword(hasher.HashPassword(user, request.NewPassword!));
        user.RevokeTokens(now);
        db.Record(staff, "staff.password_changed", nameof(StaffUser), user.Id.ToString(), null, now);
        await db.SaveChangesAsync(cancellationToken);
        ActiveStaffHandler.Forget(cache, user.Id);

        var token = tokens.IssueStaff(user);
        return TypedResults.Ok(LoginResponse.For(token, user));
    }
}
