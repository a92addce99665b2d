using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;
using WeChatWish.Api.Staff.Auth;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Accounts;

/// <summary>Admins manage staff accounts: create, list, deactivate and reactivate, reset a password (which also unlocks).</summary>
public static class StaffAccountsApi
{
    public static IEndpointRouteBuilder MapStaffAccounts(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/admin/staff").WithTags("Staff accounts").RequireAuthorization(Policies.Admin).WithValidation();
        api.MapGet("/", List).WithSummary("Every staff account");
        api.MapPost("/", Create).WithSummary("Create an account: {userName, password, role, districtCode?}");
        api.MapPost("/{id:guid}/deactivate", Deactivate).WithSummary("Shut an account out; its tokens stop working within seconds, for good");
        api.MapPost("/{id:guid}/activate", Activate).WithSummary("Let a deactivated account sign in again");
        api.MapPost("/{id:guid}/reset-password", ResetPassword).WithSummary("Set a new password, end the old tokens and clear the sign-in locks on the name");
        return app;
    }

    private static async Task<Ok<List<StaffAccount>>> List(WishDbContext db, SignInLockout lockout, CancellationToken cancellationToken)
    {
        var users = await db.StaffUsers.AsNoTracking().OrderBy(u => u.UserName).ToListAsync(cancellationToken);
        var accounts = new List<StaffAccount>(users.Count);
        foreach (var user in users) accounts.Add(StaffAccount.Of(user, await lockout.LatestLockAsync(user.UserName)));
        return TypedResults.Ok(accounts);
    }

    private static async Task<Created<StaffAccount>> Create(CreateStaffRequest request, CurrentStaff staff,
        WishDbContext db, IPasswordHasher<StaffUser> hasher, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var userName = StaffUser.NormaliseUserName(request.UserName!);
        if (await db.StaffUsers.AnyAsync(u => u.UserName == userName, cancellationToken))
            throw new ConflictException(DomainErrorCodes.StaffUserNameTaken, $"用户名“{userName}”已被使用。");

        var user = StaffUser.Create(userName, "pending", request.Role!.Value, request.DistrictCode, now);
        user.ChangePassword(hasher.HashPassword(user, request.Password!));
        db.StaffUsers.Add(user);
        db.Record(staff, "staff.created", nameof(StaffUser), user.Id.ToString(), $"role={user.Role}", now);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/admin/staff/{user.Id}", StaffAccount.Of(user));
    }

    private static async Task<Ok<StaffAccount>> Deactivate(Guid id, CurrentStaff staff, WishDbContext db, IMemoryCache cache, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        if (id == staff.Id)
            throw new RuleViolationException(DomainErrorCodes.StaffCannotDeactivateSelf, "不能停用自己的账号。");
        var user = await FindAsync(db, id, cancellationToken);
        user.Deactivate(clock.GetUtcNow());
        db.Record(staff, "staff.deactivated", nameof(StaffUser), user.Id.ToString(), null, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        ActiveStaffHandler.Forget(cache, id);
        return TypedResults.Ok(StaffAccount.Of(user));
    }

    private static async Task<Ok<StaffAccount>> Activate(Guid id, CurrentStaff staff, WishDbContext db, IMemoryCache cache, TimeProvider clock,
        CancellationToken cancellationToken)
    {
        var user = await FindAsync(db, id, cancellationToken);
        user.Activate();
        db.Record(staff, "staff.activated", nameof(StaffUser), user.Id.ToString(), null, clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        ActiveStaffHandler.Forget(cache, id);
        return TypedResults.Ok(StaffAccount.Of(user));
    }

    private static async Task<Ok<StaffAccount>> ResetPassword(Guid id, ResetPasswordRequest request, CurrentStaff staff, WishDbContext db,
        IPasswordHasher<StaffUser> hasher, SignInLockout lockout, IMemoryCache cache, TimeProvider clock, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var user = await FindAsync(db, id, cancellationToken);
        user.ChangePassword(hasher.HashPassword(user, request.Password!));
        user.RevokeTokens(now);
        await lockout.ClearAsync(user.UserName);
        db.Record(staff, "staff.password_reset", nameof(StaffUser), user.Id.ToString(), null, now);
        await db.SaveChangesAsync(cancellationToken);
        ActiveStaffHandler.Forget(cache, id);
        return TypedResults.Ok(StaffAccount.Of(user));
    }

    private static async Task<StaffUser> FindAsync(WishDbContext db, Guid id, CancellationToken cancellationToken) =>
        await db.StaffUsers.FirstOrDefaultAsync(u => u.Id == id, cancellationToken)
        ?? throw new NotFoundException(DomainErrorCodes.StaffNotFound, "找不到该工作人员账号。");
}
