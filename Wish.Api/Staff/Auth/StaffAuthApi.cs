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

/// <summary>
/// Staff sign-in with a user name and password (hashed with ASP.NET Core Identity's hasher). Repeated failures lock the name for
/// the address they came from (<see cref="SignInLockout"/>); the rate limiter throttles every address and all of them together.
/// </summary>
public static class StaffAuthApi
{
    public const string WrongCredentials = "用户名或密码错误。";

    // Unknown users still cost one hash check, so response times do not tell which user names exist.
    private static readonly StaffUser Nobody = StaffUser.Create("nobody", "x", StaffRole.Reviewer, null, DateTimeOffset.UnixEpoch);
    private static readonly string NobodyHash = new PasswordHasher<StaffUser>().HashPassword(Nobody, Guid.NewGuid().ToString());

    public static IEndpointRouteBuilder MapStaffAuth(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/auth").WithTags("Staff sign-in").AllowAnonymous().WithValidation();
        api.MapPost("/login", Login).LimitedAsSignIn()
            .WithSummary("Sign in: {accessToken, expiresAt, role, id, userName, districtCode}; 401 wrong user name or password; "
                + "423 too many wrong passwords for this name from this address; 429 too many attempts")
            .ProducesProblem(401).ProducesProblem(423).ProducesProblem(429);
        return app.MapOwnPassword();
    }

    private static async Task<Results<Ok<LoginResponse>, ProblemHttpResult>> Login(
        LoginRequest request, WishDbContext db, IPasswordHasher<StaffUser> hasher, TokenIssuer tokens, SignInLockout lockout,
        WishRules rules, TimeProvider clock, HttpContext http, CancellationToken cancellationToken)
    {
        var userName = StaffUser.NormaliseUserName(request.Username!);
        var address = http.Connection.RemoteIpAddress;
        // Known and unknown names take the same steps in the same order (one look-up, one hash check, one count), so neither
        // the answers nor their timing tell which names exist.
        if (await lockout.LockedUntilAsync(userName, address) is { } lockedUntil) return Locked(lockedUntil, http, rules, clock.GetUtcNow());

        var user = await db.StaffUsers.FirstOrDefaultAsync(u => u.UserName == userName, cancellationToken);
        var known = user is { IsActive: true };
        var verdict = known
            ? hasher.VerifyHashedPassword(user!, user!.PasswordHash, request.Password!)
            : Unknown(hasher, request.Password!);
        var now = clock.GetUtcNow();
        if (verdict == PasswordVerificationResult.Failed)
        {
            var locked = await lockout.FailedAsync(userName, address);
            if (known)
            {
                db.Record(Actor(user!), locked is null ? "staff.login_failed" : "staff.locked_out", nameof(StaffUser), user!.Id.ToString(), null, now);
                await db.SaveChangesAsync(cancellationToken);
            }
            return locked is { } until ? Locked(until, http, rules, now) : Problem(StatusCodes.Status401Unauthorized, WrongCredentials);
        }

        await lockout.SucceededAsync(userName, address);
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded) user!.ChangePassword(hasher.HashPassword(user, request.Password!));
        user!.RecordSuccessfulLogin(now);
        db.Record(Actor(user), "staff.signed_in", nameof(StaffUser), user.Id.ToString(), null, now);
        await db.SaveChangesAsync(cancellationToken);

        var token = tokens.IssueStaff(user);
        return TypedResults.Ok(LoginResponse.For(token, user));
    }

    private static PasswordVerificationResult Unknown(IPasswordHasher<StaffUser> hasher, string password)
    {
        hasher.VerifyHashedPassword(Nobody, NobodyHash, password);
        return PasswordVerificationResult.Failed;
    }

    private static CurrentStaff Actor(StaffUser user) => new(user.Id, user.UserName, user.Role, user.DistrictCode);

    /// <summary>423 with when it ends; the same for every name, real or not.</summary>
    public static ProblemHttpResult Locked(DateTimeOffset until, HttpContext http, WishRules rules, DateTimeOffset now)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling((until - now).TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        var local = rules.ToChinaTime(until);
        return TypedResults.Problem(statusCode: StatusCodes.Status423Locked, title: $"密码错误次数过多，已暂时锁定，请于{local:HH:mm}后再试。",
            type: "https://tools.ietf.org/html/rfc4918#section-11.3",
            extensions: new Dictionary<string, object?> { ["code"] = DomainErrorCodes.StaffSignInLocked });
    }

    private static ProblemHttpResult Problem(int status, string title) =>
        TypedResults.Problem(title: title, statusCode: status);
}
