using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Activities;

/// <summary>The <c>ActivityJobs</c> section: the passes that fill free places from waiting lists and queue reminders.</summary>
public sealed class ActivityJobsOptions
{
    public const string SectionName = "ActivityJobs";

    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// A safety net behind the promotion each cancellation does itself: any shift with a free place and a waiting line (a promotion
/// that failed half-way, a place freed by hand in the database) gets its first in line moved up. Safe on every instance at once:
/// each shift is taken with <c>FOR NO KEY UPDATE SKIP LOCKED</c>, the lock every sign-up and cancellation takes, and the counts are
/// read under it, so a place is filled once.
/// </summary>
public sealed class ShiftPlaceSweeper(IServiceScopeFactory scopes, TimeProvider clock)
{
    public const int BatchSize = 50;

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        var signUps = scope.ServiceProvider.GetRequiredService<ShiftSignUps>();
        var now = clock.GetUtcNow().ToUniversalTime();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var shifts = await db.Shifts.FromSql($"""
            SELECT * FROM "Shifts" WHERE "Confirmed" < "Capacity" AND "Waitlisted" > 0 AND "EndsAt" > {now}
            ORDER BY "Id" LIMIT {BatchSize} FOR NO KEY UPDATE SKIP LOCKED
            """).ToListAsync(cancellationToken);
        var promoted = 0;
        foreach (var shift in shifts) promoted += await signUps.FillFreePlacesAsync(shift, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return promoted;
    }
}

/// <summary>
/// Queues the day-before reminder for confirmed places on shifts starting within <see cref="Ahead"/>. Safe on every instance:
/// sign-ups are taken with <c>FOR UPDATE SKIP LOCKED</c> and marked reminded in the same transaction as their message.
/// </summary>
public sealed class ShiftReminderSweeper(IServiceScopeFactory scopes, TimeProvider clock)
{
    public static readonly TimeSpan Ahead = TimeSpan.FromHours(24);
    public const int BatchSize = 500;

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<ActivityNotifier>();
        var now = clock.GetUtcNow().ToUniversalTime();
        var until = now + Ahead;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var due = await db.SignUps.FromSql($"""
            SELECT s.* FROM "SignUps" s JOIN "Shifts" h ON h."Id" = s."ShiftId" JOIN "Activities" a ON a."Id" = h."ActivityId"
            WHERE s."Status" = 'Confirmed' AND s."RemindedAt" IS NULL AND a."Status" = 'Published' AND h."StartsAt" > {now} AND h."StartsAt" <= {until}
            ORDER BY h."StartsAt" LIMIT {BatchSize} FOR UPDATE OF s SKIP LOCKED
            """).ToListAsync(cancellationToken);
        var reminded = due.Where(s => s.MarkReminded(now)).ToList();
        foreach (var group in reminded.GroupBy(s => s.ShiftId))
        {
            var shift = await db.Shifts.AsNoTracking().FirstAsync(h => h.Id == group.Key, cancellationToken);
            var activity = await db.Activities.AsNoTracking().FirstAsync(a => a.Id == shift.ActivityId, cancellationToken);
            await notifier.ReminderAsync(activity, shift, group.Select(s => s.VolunteerId).ToList(), cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return reminded.Count;
    }
}

/// <summary>Runs the place and reminder passes every <see cref="ActivityJobsOptions.Interval"/> on every instance.</summary>
public sealed class ActivityJobsService(ShiftPlaceSweeper places, ShiftReminderSweeper reminders, TimeProvider clock,
    IOptions<ActivityJobsOptions> options, ILogger<ActivityJobsService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var promoted = await places.RunOnceAsync(stoppingToken);
                var reminded = await reminders.RunOnceAsync(stoppingToken);
                if (promoted + reminded > 0)
                    logger.LogInformation("Activity jobs: {Promoted} promoted from waiting lists, {Reminded} reminders queued", promoted, reminded);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                // The next tick tries again; a lost pass only delays a promotion or a reminder by one interval.
                logger.LogError(e, "Activity jobs pass failed");
            }
        }
    }
}
