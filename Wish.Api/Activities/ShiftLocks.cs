using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Auth;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Activities;

/// <summary>
/// The row locks the activity transactions take, always in this order: the volunteer, then shifts by id. NO KEY UPDATE, so the
/// foreign-key checks of other inserts (which take KEY SHARE) are not held up by them.
/// </summary>
internal static class ShiftLocks
{
    public static async Task<Shift> LockShiftAsync(this WishDbContext db, Guid shiftId, CancellationToken cancellationToken) =>
        (await db.Shifts.FromSql($"""SELECT * FROM "Shifts" WHERE "Id" = {shiftId} FOR NO KEY UPDATE""").ToListAsync(cancellationToken))
        .SingleOrDefault() ?? throw DomainErrors.ShiftNotFound();

    /// <summary>Serialises one volunteer's sign-ups, so two overlapping shifts cannot both be taken at the same moment.</summary>
    public static async Task<Volunteer> LockVolunteerAsync(this WishDbContext db, Guid volunteerId, CancellationToken cancellationToken) =>
        (await db.Volunteers.FromSql($"""SELECT * FROM "Volunteers" WHERE "Id" = {volunteerId} FOR NO KEY UPDATE""").ToListAsync(cancellationToken))
        .SingleOrDefault() ?? throw new UnknownVolunteerException();

    /// <summary>Final service minutes, the measure of stars (DESIGN.md §1).</summary>
    public static async Task<int> FinalMinutesAsync(this WishDbContext db, Guid volunteerId, CancellationToken cancellationToken) =>
        await db.ServiceRecordEntries.Where(e => e.VolunteerId == volunteerId && e.IsFinal).SumAsync(e => (int?)e.Minutes, cancellationToken) ?? 0;

    /// <summary>The place in the waiting line, 1 first; null unless waiting.</summary>
    public static async Task<int?> PositionAsync(this WishDbContext db, SignUp signUp, CancellationToken cancellationToken) =>
        signUp.Status != SignUpStatus.Waitlisted
            ? null
            : await db.SignUps.CountAsync(s => s.ShiftId == signUp.ShiftId && s.Status == SignUpStatus.Waitlisted && s.WaitNumber <= signUp.WaitNumber,
                cancellationToken);
}
