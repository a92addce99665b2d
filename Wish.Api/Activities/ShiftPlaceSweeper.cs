using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Activities;

/// <summary>The <c>ActivityJobs</c> section: the pass that fills free places from waiting lists.</summary>
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
        var now = clock.GetUtcNow();
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

public sealed class ShiftPlaceService(ShiftPlaceSweeper sweeper, TimeProvider clock, IOptions<ActivityJobsOptions> options,
    ILogger<ShiftPlaceService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled) return;
        using var timer = new PeriodicTimer(options.Value.Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                var promoted = await sweeper.RunOnceAsync(stoppingToken);
                if (promoted > 0) logger.LogInformation("Shift places: {Promoted} promoted from waiting lists", promoted);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Shift place pass failed");
            }
        }
    }
}
