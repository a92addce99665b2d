using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.JsonWebTokens;
using WeChatWish.Api.Data;

namespace WeChatWish.Api.Auth;

/// <summary>A volunteer token counts only while its volunteer exists: a reset database, say, leaves tokens that name no one.</summary>
public sealed class ActiveVolunteerRequirement : IAuthorizationRequirement;

/// <summary>
/// Looks up the volunteer behind a volunteer token, cached per instance for <see cref="CacheLifetime"/> to spare a query per
/// request. A token that fails it answers 401 (<see cref="UnknownVolunteerException"/>), as <c>/api/me</c> always did.
/// </summary>
public sealed class ActiveVolunteerHandler(WishDbContext db, IMemoryCache cache) : AuthorizationHandler<ActiveVolunteerRequirement>
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(15);

    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, ActiveVolunteerRequirement requirement)
    {
        if (await IsActiveAsync(context.User)) context.Succeed(requirement);
    }

    /// <summary>Whether the token is a volunteer's that names a volunteer who exists.</summary>
    public async Task<bool> IsActiveAsync(ClaimsPrincipal user)
    {
        // Another role's token is refused on its role (403) without a look-up.
        if (!user.IsInRole(Roles.Volunteer) || !Guid.TryParse(user.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var id)) return false;
        return await cache.GetOrCreateAsync("volunteer-exists:" + id, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheLifetime;
            return await db.Volunteers.AnyAsync(v => v.Id == id);
        });
    }
}

/// <summary>A route open to volunteers and staff alike (an organisation's leader or staff): the token must pass its own kind's check.</summary>
public sealed class VolunteerOrStaffRequirement : IAuthorizationRequirement;

public sealed class VolunteerOrStaffHandler(ActiveVolunteerHandler volunteers, ActiveStaffHandler staff) : AuthorizationHandler<VolunteerOrStaffRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, VolunteerOrStaffRequirement requirement)
    {
        var active = context.User.IsInRole(Roles.Volunteer) ? await volunteers.IsActiveAsync(context.User) : await staff.IsActiveAsync(context.User);
        if (active) context.Succeed(requirement);
    }
}

/// <summary>
/// Turns a token refused only for naming no volunteer, or a staff account it no longer speaks for, into the 401 the exception
/// handler writes, not a 403.
/// </summary>
public sealed class StaleTokenResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure is { } failure
            && failure.FailedRequirements.Any() && failure.FailedRequirements.All(r => r is ActiveVolunteerRequirement))
            throw new UnknownVolunteerException();
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure is { } eitherFailure
            && eitherFailure.FailedRequirements.Any() && eitherFailure.FailedRequirements.All(r => r is VolunteerOrStaffRequirement))
            throw context.User.IsInRole(Roles.Volunteer) ? new UnknownVolunteerException() : new StaleStaffTokenException();
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure is { } staffFailure
            && staffFailure.FailedRequirements.Any() && staffFailure.FailedRequirements.All(r => r is ActiveStaffRequirement))
            throw new StaleStaffTokenException();
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

/// <summary>The token names a volunteer that no longer exists: 401, sign in again.</summary>
public sealed class UnknownVolunteerException() : Exception("登录已失效，请重新登录。");
