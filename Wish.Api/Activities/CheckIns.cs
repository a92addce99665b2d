using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Activities;

/// <summary>A scan of the venue's code: genuine and fresh, by a volunteer with a confirmed place, near enough when the activity asks.</summary>
public sealed class CheckIns(WishDbContext db, CheckInTokens tokens, ActivityRules rules, TimeProvider clock)
{
    public async Task<CheckInView> ScanAsync(Guid volunteerId, CheckInRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var shiftId = tokens.Verify(request.Token!, now);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // The sign-up's own lock: two scans in the same instant are one check-in, not a check-in and a check-out.
        var signUp = (await db.SignUps.FromSql($"""
                SELECT * FROM "SignUps" WHERE "ShiftId" = {shiftId} AND "VolunteerId" = {volunteerId} AND "Status" <> 'Cancelled' FOR UPDATE
                """).ToListAsync(cancellationToken)).SingleOrDefault()
            ?? throw new RuleViolationException(DomainErrorCodes.ActivityNotSignedUp, "您没有报名这个班次，不能签到。");
        var shift = await db.Shifts.AsNoTracking().FirstAsync(s => s.Id == shiftId, cancellationToken);
        var activity = await db.Activities.AsNoTracking().FirstAsync(a => a.Id == shift.ActivityId, cancellationToken);
        if (activity.Status != ActivityStatus.Published)
            throw new RuleViolationException(DomainErrorCodes.ActivityClosed, "这个活动已取消或已结束，不能签到。");
        if (activity.Location is { } venue)
        {
            if (request.Location is not { Lat: { } lat, Lng: { } lng })
                throw new RuleViolationException(DomainErrorCodes.CheckInLocationRequired, "这个活动需要定位签到，请允许获取位置后再扫码。");
            var distance = venue.DistanceMeters(lat, lng);
            if (distance > venue.RadiusMeters)
                throw new RuleViolationException(DomainErrorCodes.CheckInOutOfRange,
                    $"您离活动地点约{Math.Round(distance):0}米，超出了{venue.RadiusMeters}米的签到范围，请到现场后再扫码。");
        }

        signUp.Scan(shift, rules, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new CheckInView(shiftId, signUp.CheckedInAt!.Value, signUp.CheckedOutAt);
    }
}
