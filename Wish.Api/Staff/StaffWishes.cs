using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff;

/// <summary>The wish a staff action is about: loaded tracked, and refused (403) outside a coordinator's district.</summary>
public static class StaffWishes
{
    public static async Task<(CurrentStaff Staff, Wish Wish, DateTimeOffset Now)> LoadForActionAsync(Guid id, HttpContext http,
        WishDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var staff = CurrentStaff.From(http.User);
        var wish = await db.Wishes.FirstOrDefaultAsync(w => w.Id == id, cancellationToken) ?? throw WishNotFound();
        staff.EnsureCanActIn(wish.DistrictCode);
        return (staff, wish, clock.GetUtcNow());
    }

    public static NotFoundException WishNotFound() => new(DomainErrorCodes.WishNotFound, "找不到该心愿。");
}
