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

    private static async Task<Ok<VolunteerResponse>> GetProfile(CurrentVolunteer me, WishDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(VolunteerResponse.From(await me.LoadAsync(db, cancellationToken)));

    private static async Task<Ok<VolunteerResponse>> UpdateProfile(
        VolunteerProfileRequest request, CurrentVolunteer me, WishDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var volunteer = await me.LoadAsync(db, cancellationToken);
        volunteer.UpdateProfile(request.ToProfile(), clock.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(VolunteerResponse.From(volunteer));
    }
}
