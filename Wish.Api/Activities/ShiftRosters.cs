using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Activities;

public static class ShiftRosters
{
    /// <summary>Every sign-up of a shift, confirmed first then the waiting line, with scans and outcomes.</summary>
    public static async Task<ShiftRoster> LoadAsync(WishDbContext db, Guid shiftId, CancellationToken cancellationToken)
    {
        var shift = await db.Shifts.AsNoTracking().FirstOrDefaultAsync(s => s.Id == shiftId, cancellationToken) ?? throw DomainErrors.ShiftNotFound();
        var activity = await db.Activities.AsNoTracking().FirstAsync(a => a.Id == shift.ActivityId, cancellationToken);
        var rows = await (from s in db.SignUps.AsNoTracking()
                          join v in db.Volunteers on s.VolunteerId equals v.Id
                          where s.ShiftId == shiftId
                          select new { SignUp = s, v.Name, v.Phone }).ToListAsync(cancellationToken);
        var waiting = rows.Where(r => r.SignUp.Status == SignUpStatus.Waitlisted).OrderBy(r => r.SignUp.WaitNumber)
            .Select((r, i) => (r.SignUp.Id, Position: i + 1)).ToDictionary(x => x.Id, x => x.Position);
        var entries = rows
            .OrderBy(r => r.SignUp.Status).ThenBy(r => r.SignUp.WaitNumber ?? 0).ThenBy(r => r.SignUp.SignedUpAt)
            .Select(r => new RosterEntry(r.SignUp.VolunteerId, r.Name, r.Phone, r.SignUp.Status, waiting.TryGetValue(r.SignUp.Id, out var p) ? p : null,
                r.SignUp.SignedUpAt, r.SignUp.CheckedInAt, r.SignUp.CheckedOutAt, r.SignUp.ScannedMinutes(shift), r.SignUp.FinalMinutes,
                r.SignUp.NoShow, r.SignUp.Rating, r.SignUp.AttendanceNote, r.SignUp.AttendanceConfirmedAt))
            .ToList();
        return new ShiftRoster(shift.Id, activity.Id, activity.Title, activity.Place, shift.StartsAt, shift.EndsAt, shift.Capacity, shift.Confirmed,
            shift.Waitlisted, entries);
    }
}
