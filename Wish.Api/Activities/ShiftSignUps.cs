using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Activities;

/// <summary>
/// Taking and giving up places on a shift. Each runs in one transaction holding the shift's row lock, so the counts the domain
/// decides on are the counts every other sign-up sees, whatever instance it runs on; a freed place goes to the first in line in
/// the same transaction, exactly once.
/// </summary>
public sealed class ShiftSignUps(WishDbContext db, ActivityRules rules, ActivityNotifier notifier, TimeProvider clock)
{
    public sealed record Outcome(SignUpView View, bool Created);

    public async Task<Outcome> SignUpAsync(Guid shiftId, Guid volunteerId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var volunteer = await db.LockVolunteerAsync(volunteerId, cancellationToken);
        var existing = await db.SignUps.FirstOrDefaultAsync(s => s.ShiftId == shiftId && s.VolunteerId == volunteerId
            && s.Status != SignUpStatus.Cancelled, cancellationToken);
        if (existing is not null)
            return new Outcome(new SignUpView(shiftId, existing.Status, await db.PositionAsync(existing, cancellationToken)), false);

        var shift = await db.LockShiftAsync(shiftId, cancellationToken);
        var activity = await db.Activities.AsNoTracking().FirstAsync(a => a.Id == shift.ActivityId, cancellationToken);
        var now = clock.GetUtcNow();
        var held = await (from s in db.SignUps
                          join h in db.Shifts on s.ShiftId equals h.Id
                          where s.VolunteerId == volunteerId && s.Status != SignUpStatus.Cancelled && h.StartsAt < shift.EndsAt && shift.StartsAt < h.EndsAt
                          select new HeldShift(h.Id, h.StartsAt, h.EndsAt)).ToListAsync(cancellationToken);
        var courses = activity.RequiredTrainingCourse is null ? [] : await db.TrainingCertificates
            .Where(c => c.VolunteerId == volunteerId && c.IssuedAt <= now && (c.ExpiresAt == null || c.ExpiresAt > now))
            .Select(c => c.Course).Distinct().ToListAsync(cancellationToken);
        var candidate = new SignUpCandidate(volunteer.IsProfileComplete, WishRules.StarLevel(await db.FinalMinutesAsync(volunteerId, cancellationToken)),
            courses.ToHashSet(StringComparer.Ordinal), held);
        rules.EnsureCanSignUp(activity, shift, candidate, now);

        var signUp = shift.Take(volunteerId, now);
        db.SignUps.Add(signUp);
        if (signUp.Status == SignUpStatus.Confirmed) await notifier.SignUpConfirmedAsync(activity, shift, signUp, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        var position = await db.PositionAsync(signUp, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new Outcome(new SignUpView(shiftId, signUp.Status, position), true);
    }

    public async Task CancelAsync(Guid shiftId, Guid volunteerId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var shift = await db.LockShiftAsync(shiftId, cancellationToken);
        var signUp = await db.SignUps.FirstOrDefaultAsync(s => s.ShiftId == shiftId && s.VolunteerId == volunteerId
            && s.Status != SignUpStatus.Cancelled, cancellationToken)
            ?? throw new NotFoundException(DomainErrorCodes.ActivityNotSignedUp, "您没有报名这个班次。");
        var now = clock.GetUtcNow();
        rules.EnsureCanCancel(shift, signUp, now);

        if (shift.Release(signUp, Actor.Volunteer(volunteerId), now)) await FillFreePlacesAsync(shift, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>Moves the first in line into every free place of a locked shift that has not ended; returns how many moved.</summary>
    public async Task<int> FillFreePlacesAsync(Shift shift, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (now >= shift.EndsAt) return 0;
        var free = shift.Capacity - shift.Confirmed;
        if (free <= 0 || shift.Waitlisted <= 0) return 0;
        var line = await db.SignUps.Where(s => s.ShiftId == shift.Id && s.Status == SignUpStatus.Waitlisted)
            .OrderBy(s => s.WaitNumber).Take(free).ToListAsync(cancellationToken);
        if (line.Count == 0) return 0;
        var activity = await db.Activities.AsNoTracking().FirstAsync(a => a.Id == shift.ActivityId, cancellationToken);
        foreach (var first in line)
        {
            shift.Promote(first, now);
            await notifier.PromotedAsync(activity, shift, first, cancellationToken);
        }
        return line.Count;
    }
}
