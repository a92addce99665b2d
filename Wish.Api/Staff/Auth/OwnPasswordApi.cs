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

    public static IEndpointRouteBuilder MapOwnPassword(this IEndpointRouteBuilder app)
    {
        app.MapGroup("/api/admin/auth").WithTags("Staff sign-in").RequireAuthorization(Policies.Staff).WithValidation()
            .MapPost("/password", Change).WithSummary("Change your own password {currentPassword, newPassword}: a new token; earlier ones end");
        return app;
    }

    private static async Task<Results<Ok<LoginResponse>, ValidationProblem>> Change(ChangePasswordRequest request, CurrentStaff staff,
        WishDbContext db, IPasswordHasher<StaffUser> hasher, TokenIssuer tokens, IOptions<StaffAuthOptions> options, IMemoryCache cache,
        TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The same row lock as sign-in, so guesses of the current password count one after another towards the lockout.
        var user = await db.StaffUsers.FromSql($"""SELECT * FROM "StaffUsers" WHERE "Id" = {staff.Id} FOR UPDATE""")
            .FirstAsync(cancellationToken);
        if (hasher.VerifyHashedPassword(user, user.PasswordHash, request.CurrentPassword!) == PasswordVerificationResult.Failed)
        {
            user.RecordFailedLogin(now, options.Value.MaxFailedLogins, options.Value.Lockout);
            db.Record(staff, "staff.password_change_failed", nameof(StaffUser), user.Id.ToString(), null, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["currentPassword"] = [WrongCurrentPassword] },
                title: WrongCurrentPassword);
        }

        user.ChangePassword(hasher.HashPassword(user, request.NewPassword!));
        user.RevokeTokens(now);
        db.Record(staff, "staff.password_changed", nameof(StaffUser), user.Id.ToString(), null, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        ActiveStaffHandler.Forget(cache, user.Id);

        var token = tokens.IssueStaff(user.Id, user.UserName, Roles.Of(user.Role), user.DistrictCode);
        return TypedResults.Ok(LoginResponse.For(token, user));
    }
}
