using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Api.Infrastructure;

namespace WeChatWish.Api.Volunteers;

/// <summary>The signed-in volunteer's profile; a complete one is what claiming needs.</summary>
public static class ProfileApi
{
    public static IEndpointRouteBuilder MapProfile(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/me").WithTags("Volunteers").RequireAuthorization(Policies.Volunteer).WithValidation();
        api.MapGet("/", GetProfile).WithSummary("The signed-in volunteer's profile");
        api.MapPut("/", UpdateProfile).WithSummary("Replaces the whole profile");
        return app;
    }

    private static async Task<Results<Ok<VolunteerResponse>, ProblemHttpResult>> GetProfile(
        ClaimsPrincipal user, WishDbContext db, CancellationToken cancellationToken)
    {
        var volunteer = await VolunteerAccess.FindAsync(db, user, cancellationToken);
        return volunteer is null ? VolunteerAccess.SignInAgain() : TypedResults.Ok(VolunteerResponse.From(volunteer));
    }

    private static async Task<Results<Ok<VolunteerResponse>, ProblemHttpResult>> UpdateProfile(
        VolunteerProfileRequest request, ClaimsPrincipal user, WishDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var volunteer = await VolunteerAccess.FindAsync(db, user, cancellationToken);
        if (volunteer is null) return VolunteerAccess.SignInAgain();
        volunteer.UpdateProfile(request.ToProfile(), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(VolunteerResponse.From(volunteer));
    }
}
