using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Volunteers;

/// <summary>The signed-in volunteer behind a bearer token, and the answers every volunteer route shares.</summary>
public static class VolunteerAccess
{
    public const string UnknownVolunteerCode = "volunteer.unknown";

    /// <summary>Null when the token names a volunteer that no longer exists (e.g. a reset database).</summary>
    public static async Task<Volunteer?> FindAsync(WishDbContext db, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        await db.Volunteers.FindAsync([user.UserId()], cancellationToken);

    public static ProblemHttpResult SignInAgain() => TypedResults.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "登录已失效，请重新登录。",
        extensions: new Dictionary<string, object?> { ["code"] = UnknownVolunteerCode });

    public static ProblemHttpResult Problem(int status, string title, string code) => TypedResults.Problem(
        statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["code"] = code });
}
