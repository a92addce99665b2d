using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Api.Organisations;
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

        // Everything about the volunteer is read before the shift's lock (the volunteer's own lock already holds it still), so
        // the sign-ups queued on one shift wait only for each other's few statements, not for these.
        var times = await db.Shifts.AsNoTracking().FirstOrDefaultAsync(h => h.Id == shiftId, cancellationToken) ?? throw DomainErrors.ShiftNotFound();
        var activity = await db.Activities.AsNoTracking().FirstAsync(a => a.Id == times.ActivityId, cancellationToken);
        var now = clock.GetUtcNow();
        var held = await (from s in db.SignUps
                          join h in db.Shifts on s.ShiftId equals h.Id
                          where s.VolunteerId == volunteerId && s.Status != SignUpStatus.Cancelled && h.StartsAt < times.EndsAt && times.StartsAt < h.EndsAt
                          select new HeldShift(h.Id, h.StartsAt, h.EndsAt)).ToListAsync(cancellationToken);
        var courses = activity.RequiredTrainingCourse is null ? [] : await db.TrainingCertificates
            .Where(c => c.VolunteerId == volunteerId && c.IssuedAt <= now && (c.ExpiresAt == null || c.ExpiresAt > now))
            .Select(c => c.Course).Distinct().ToListAsync(cancellationToken);
        var stars = activity.MinStarLevel is null ? 0 : WishRules.StarLevel(await db.FinalMinutesAsync(volunteerId, cancellationToken));
        var inOrganisation = activity.OrganisationId is not { } organisationId
            || await db.Organisations().Where(o => o.Id == organisationId).Select(o => o.Path).FirstOrDefaultAsync(cancellationToken) is { } path
                && await OrganisationAccess.MembersOfSubtree(db, path).AnyAsync(v => v == volunteerId, cancellationToken);
        var candidate = new SignUpCandidate(volunteer.IsProfileComplete, stars, courses.ToHashSet(StringComparer.Ordinal), held)
        {
            InOrganisation = inOrganisation,
        };
        rules.EnsureCanSignUp(activity, times, candidate, now);

        var shift = await db.LockShiftAsync(shiftId, cancellationToken);
        // Cancelling an activity takes its shifts' locks: read under ours, its status is the one that holds until we commit.
        var status = await db.Activities.Where(a => a.Id == shift.ActivityId).Select(a => a.Status).FirstAsync(cancellationToken);
        if (status != ActivityStatus.Published)
            throw new RuleViolationException(DomainErrorCodes.ActivityClosed, "这个活动现在不接受报名。");
        var signUp = shift.Take(volunteerId, now);
        db.SignUps.Add(signUp);
        if (signUp.Status == SignUpStatus.Confirmed) notifier.SignUpConfirmed(activity, shift, volunteer.OpenId);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        // The newest in line is the last: its place is the count waiting, itself included.
        return new Outcome(new SignUpView(shiftId, signUp.Status, signUp.Status == SignUpStatus.Waitlisted ? shift.Waitlisted : null), true);
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
