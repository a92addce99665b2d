using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff;

/// <summary>The wish a staff action is about: loaded tracked, and refused (403) outside a coordinator's district.</summary>
public static class StaffWishes
{
    public static async Task<(Wish Wish, DateTimeOffset Now)> LoadForActionAsync(Guid id, CurrentStaff staff,
        WishDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var wish = await db.Wishes.FirstOrDefaultAsync(w => w.Id == id, cancellationToken) ?? throw DomainErrors.WishNotFound();
        staff.EnsureCanActIn(wish.DistrictCode);
        return (wish, clock.GetUtcNow());
    }
}
