using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Volunteers;

/// <summary>The signed-in volunteer, bound as a handler parameter on the routes the volunteer policies guard.</summary>
public sealed record CurrentVolunteer(Guid Id)
{
    public static ValueTask<CurrentVolunteer?> BindAsync(HttpContext context) => ValueTask.FromResult<CurrentVolunteer?>(new(context.User.UserId()));

    /// <summary>The volunteer's row, tracked; gone since the policy looked, it is the same 401.</summary>
    public async Task<Volunteer> LoadAsync(WishDbContext db, CancellationToken cancellationToken) =>
        await db.Volunteers.FindAsync([Id], cancellationToken) ?? throw new UnknownVolunteerException();
}
