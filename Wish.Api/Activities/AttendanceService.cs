using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Api.LoveBank;
using WeChatWish.Api.Staff;
using WeChatWish.Domain;

namespace WeChatWish.Api.Activities;

/// <summary>
/// The organiser's word on a shift: final minutes per confirmed volunteer (the scans unless corrected with a reason), passbook
/// lines with the organiser as witness, earned points by the points rule, and no-shows. Run again, it corrects: the passbook line
/// shows the new minutes and the ledger reverses the old points before earning the new ones.
/// </summary>
public sealed class AttendanceService(WishDbContext db, LoveBankLedger ledger, ActivityNotifier notifier, TimeProvider clock)
{
    public async Task<AttendanceResult> ConfirmAsync(Guid shiftId, AttendanceRequest request, CurrentStaff staff, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var shift = await db.LockShiftAsync(shiftId, cancellationToken);
        var activity = await db.Activities.AsNoTracking().FirstAsync(a => a.Id == shift.ActivityId, cancellationToken);
        staff.EnsureCanActIn(activity.DistrictCode);
        var now = clock.GetUtcNow();
        if (activity.Status is not (ActivityStatus.Published or ActivityStatus.Finished))
            throw new RuleViolationException(DomainErrorCodes.ActivityClosed, "只有已发布或已结束的活动可以确认考勤。");
        if (now < shift.StartsAt)
            throw new RuleViolationException(DomainErrorCodes.ActivityAttendanceNotOver, "班次还没有开始，不能确认考勤。");

        var signUps = await db.SignUps.Where(s => s.ShiftId == shiftId && s.Status == SignUpStatus.Confirmed).ToListAsync(cancellationToken);
        var entries = request.Entries!.ToDictionary(e => e.VolunteerId!.Value);
        if (entries.Keys.Except(signUps.Select(s => s.VolunteerId)).Any())
            throw new RuleViolationException(DomainErrorCodes.ActivityNotSignedUp, "名单中有没有这个班次确定名额的志愿者。");
        var lines = await db.ServiceRecordEntries.Where(e => e.SignUpId != null && signUps.Select(s => (Guid?)s.Id).Contains(e.SignUpId))
            .ToDictionaryAsync(e => e.SignUpId!.Value, cancellationToken);

        var volunteerIds = signUps.Select(s => s.VolunteerId).ToList();
        var before = await db.ServiceRecordEntries.Where(e => volunteerIds.Contains(e.VolunteerId) && e.IsFinal)
            .GroupBy(e => e.VolunteerId).Select(g => new { g.Key, Minutes = g.Sum(e => e.Minutes) }).ToDictionaryAsync(g => g.Key, g => g.Minutes, cancellationToken);
        int attended = 0, noShows = 0, corrected = 0;
        foreach (var signUp in signUps)
        {
            entries.TryGetValue(signUp.VolunteerId, out var entry);
            var standing = signUp.FinalMinutes ?? signUp.ScannedMinutes(shift);
            var minutes = entry?.Minutes ?? standing;
            if (minutes != standing && string.IsNullOrWhiteSpace(entry?.Note))
                throw new RuleViolationException(DomainErrorCodes.ActivityCorrectionNeedsReason, "更改签到记录的服务时长时，请在备注中写明原因。");

            var change = signUp.ConfirmAttendance(minutes, entry?.Rating, entry?.Note, shift, now);
            if (minutes != standing)
            {
                corrected++;
                db.Record(staff, "attendance.corrected", nameof(SignUp), signUp.Id.ToString(), $"{standing}→{minutes} min: {entry!.Note!.Trim()}", now);
            }
            await RecordServiceAsync(activity, shift, signUp, change, lines.GetValueOrDefault(signUp.Id), staff, now, cancellationToken);
            var had = before.GetValueOrDefault(signUp.VolunteerId);
            var stars = WishRules.StarLevel(had - (change.Previous ?? 0) + change.Current);
            if (stars > WishRules.StarLevel(had)) await notifier.StarLevelReachedAsync(activity, shift, signUp.VolunteerId, stars, cancellationToken);
            if (minutes > 0) attended++;
            else noShows++;
        }
        db.Record(staff, "attendance.confirmed", nameof(Shift), shift.Id.ToString(), $"attended {attended}, no-shows {noShows}, corrected {corrected}", now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new AttendanceResult(attended, noShows, corrected, await ShiftRosters.LoadAsync(db, shiftId, cancellationToken));
    }

    private async Task RecordServiceAsync(Activity activity, Shift shift, SignUp signUp, AttendanceChange change, ServiceRecordEntry? line,
        CurrentStaff staff, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (line is null && change.Current > 0)
            db.ServiceRecordEntries.Add(ServiceRecordEntry.ForAttendance(signUp, shift, activity.Place, activity.Title, change.Current, staff.UserName, now));
        else if (line is not null && change.Current == 0)
            throw new RuleViolationException(DomainErrorCodes.ActivityCorrectionToZero,
                "已记入爱心存折的服务不能改为0分钟；如确有错误，请改为实际时长或调整积分。");
        else if (line is not null && line.Minutes != change.Current)
            line.CorrectMinutes(change.Current, staff.UserName, now);

        // Points follow the final minutes: reverse what this sign-up earned before, then earn anew, never editing a row.
        if (!await ledger.SettleEarnedAsync(signUp.VolunteerId, signUp.Id, change.Current, $"{activity.Title}：服务{change.Current}分钟",
                "考勤更正：" + activity.Title, staff.Actor, now, cancellationToken))
            throw new RuleViolationException(DomainErrorCodes.PointsAlreadySpent, "这位志愿者的积分已用于兑换，无法冲减，请先取消兑换。");
    }
}
