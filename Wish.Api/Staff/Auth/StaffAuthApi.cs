using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Auth;

/// <summary>Staff sign-in with a user name and password (hashed with ASP.NET Core Identity's hasher), locking after repeated failures.</summary>
public static class StaffAuthApi
{
    public const string WrongCredentials = "用户名或密码错误。";

    // Unknown users still cost one hash check, so response times do not tell which user names exist.
    private static readonly StaffUser Nobody = StaffUser.Create("nobody", "x", StaffRole.Reviewer, null, DateTimeOffset.UnixEpoch);
    private static readonly string NobodyHash = new PasswordHasher<StaffUser>().HashPassword(Nobody, Guid.NewGuid().ToString());

    public static IEndpointRouteBuilder MapStaffAuth(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/auth").WithTags("Staff sign-in").AllowAnonymous().WithValidation();
        api.MapPost("/login", Login)
            .WithSummary("Sign in: {accessToken, expiresAt, role, id, userName, districtCode}; 401 wrong user name or password; 423 locked");
        return app.MapOwnPassword();
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Login(
        LoginRequest request, WishDbContext db, IPasswordHasher<StaffUser> hasher, TokenIssuer tokens,
        IOptions<StaffAuthOptions> options, WishRules rules, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var userName = StaffUser.NormaliseUserName(request.Username!);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The row lock makes parallel guesses count one after another, so they cannot slip past the lockout.
        var user = await db.StaffUsers.FromSql($"""SELECT * FROM "StaffUsers" WHERE "UserName" = {userName} FOR UPDATE""")
            .FirstOrDefaultAsync(cancellationToken);

        if (user is null || !user.IsActive)
        {
            hasher.VerifyHashedPassword(Nobody, NobodyHash, request.Password!);
            return Problem(StatusCodes.Status401Unauthorized, WrongCredentials);
        }
        if (user.IsLockedOut(now)) return Locked(user, http, rules, now);

        var verdict = hasher.VerifyHashedPassword(user, user.PasswordHash, request.Password!);
        var actor = new CurrentStaff(user.Id, user.UserName, user.Role, user.DistrictCode);
        if (verdict == PasswordVerificationResult.Failed)
        {
            user.RecordFailedLogin(now, options.Value.MaxFailedLogins, options.Value.Lockout);
            var locked = user.IsLockedOut(now);
            db.Record(actor, locked ? "staff.locked_out" : "staff.login_failed", nameof(StaffUser), user.Id.ToString(), null, now);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return locked ? Locked(user, http, rules, now) : Problem(StatusCodes.Status401Unauthorized, WrongCredentials);
        }

        if (verdict == PasswordVerificationResult.SuccessRehashNeeded) user.ChangePassword(hasher.HashPassword(user, request.Password!));
        user.RecordSuccessfulLogin(now);
        db.Record(actor, "staff.signed_in", nameof(StaffUser), user.Id.ToString(), null, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);

        var token = tokens.IssueStaff(user.Id, user.UserName, Roles.Of(user.Role), user.DistrictCode);
        return TypedResults.Ok(LoginResponse.For(token, user));
    }

    private static ProblemHttpResult Locked(StaffUser user, HttpContext http, WishRules rules, DateTimeOffset now)
    {
        var until = user.LockedUntil!.Value;
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((until - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var local = rules.ToChinaTime(until);
        return Problem(StatusCodes.Status423Locked, $"密码错误次数过多，账号已锁定，请于{local:HH:mm}后再试。");
    }

    private static ProblemHttpResult Problem(int status, string title) =>
        TypedResults.Problem(title: title, statusCode: status);
}
