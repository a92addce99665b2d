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
        // Another role's token is refused on its role (403) without a look-up.
        if (!context.User.IsInRole(Roles.Volunteer) || !Guid.TryParse(context.User.FindFirst(JwtRegisteredClaimNames.Sub)?.Value, out var id)) return;
        var exists = await cache.GetOrCreateAsync("volunteer-exists:" + id, async entry =>
        {
            entry.AbsoluteExpirationRelativeToNow = CacheLifetime;
            return await db.Volunteers.AnyAsync(v => v.Id == id);
        });
        if (exists) context.Succeed(requirement);
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
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure is { } staffFailure
            && staffFailure.FailedRequirements.Any() && staffFailure.FailedRequirements.All(r => r is ActiveStaffRequirement))
            throw new StaleStaffTokenException();
        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}

/// <summary>The token names a volunteer that no longer exists: 401, sign in again.</summary>
public sealed class UnknownVolunteerException() : Exception("登录已失效，请重新登录。");
