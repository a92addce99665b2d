using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Data;
using WeChatWish.Api.Notifications;
using WeChatWish.Domain;

namespace WeChatWish.Api.Claims;

public sealed record SweepResult(int Expired, int Reminded);

/// <summary>
/// One pass of the lease job: expires overdue claims (the wish goes back to Published) and sends the 3-day and 1-day
/// reminders. Safe on every instance at once: each batch locks its claims with FOR UPDATE SKIP LOCKED, so two passes
/// never hold the same claim, and a claim's reminder mark commits with the notification it records.
/// </summary>
public sealed class ClaimLeaseSweeper(
    IServiceScopeFactory scopes, ClaimGate gate, TimeProvider clock, IOptions<ClaimLeaseOptions> options, ILogger<ClaimLeaseSweeper> logger)
{
    public async Task<SweepResult> RunOnceAsync(CancellationToken cancellationToken = default)
    {
        // Npgsql writes timestamptz parameters only at offset 0; a TimeProvider may hand out any offset.
        var now = clock.GetUtcNow().ToUniversalTime();
        var batch = Math.Max(1, options.Value.BatchSize);
        int expired = 0, reminded = 0, done;
        do expired += done = await ExpireBatchAsync(now, batch, cancellationToken);
        while (done == batch);
        do reminded += done = await RemindBatchAsync(now, batch, cancellationToken);
        while (done == batch);
        return new SweepResult(expired, reminded);
    }

    private Task<int> ExpireBatchAsync(DateTimeOffset now, int batch, CancellationToken ct) => InBatchAsync(db => db.Claims.FromSql($"""
            SELECT * FROM "Claims" WHERE "Status" = 'Active' AND "DueAt" <= {now}
            ORDER BY "DueAt" LIMIT {batch} FOR UPDATE SKIP LOCKED
            """),
        async (claim, wish, notifier) =>
        {
            claim.Expire(now);
            wish.ReturnToPublished(claim, now);
            await notifier.ClaimExpiredAsync(wish, claim, ct);
            return true;
        }, forget: true, ct);

    // The filter is exactly Claim.DueReminder's rule, so every row a batch locks gets its reminder and leaves the set.
    private Task<int> RemindBatchAsync(DateTimeOffset now, int batch, CancellationToken ct) => InBatchAsync(db => db.Claims.FromSql($"""
            SELECT * FROM "Claims" WHERE "Status" = 'Active' AND "DueAt" > {now} AND "DueAt" <= {now.AddDays(3)}
              AND "Reminder1DaySentAt" IS NULL AND ("Reminder3DaysSentAt" IS NULL OR "DueAt" <= {now.AddDays(1)})
            ORDER BY "DueAt" LIMIT {batch} FOR UPDATE SKIP LOCKED
            """),
        async (claim, wish, notifier) =>
        {
            if (claim.DueReminder(now) is not { } reminder) return false;
            await notifier.ClaimReminderAsync(wish, claim, reminder, ct);
            claim.MarkReminderSent(reminder, now);
            return true;
        }, forget: false, ct);

    /// <summary>Locks a batch of claims, applies <paramref name="handle"/> to each, and commits; returns how many were locked.</summary>
    private async Task<int> InBatchAsync(Func<WishDbContext, IQueryable<Claim>> select, Func<Claim, Wish, ILifecycleNotifier, Task<bool>> handle,
        bool forget, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<WishDbContext>();
        var notifier = scope.ServiceProvider.GetRequiredService<ILifecycleNotifier>();
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claims = await select(db).ToListAsync(ct);
        if (claims.Count == 0) return 0;
        var wishIds = claims.Select(c => c.WishId).ToList();
        var wishes = await db.Wishes.Where(w => wishIds.Contains(w.Id)).ToDictionaryAsync(w => w.Id, ct);

        var changed = new List<Guid>();
        foreach (var claim in claims)
        {
            // One inconsistent row must not stall every other claim's expiry: skip it and say so.
            if (!wishes.TryGetValue(claim.WishId, out var wish) || wish.Status != WishStatus.Claimed)
            {
                logger.LogError("Claim {ClaimId} is active but its wish {WishId} is not claimed; skipped", claim.Id, claim.WishId);
                continue;
            }
            if (await handle(claim, wish, notifier)) changed.Add(wish.Id);
        }
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        if (forget)
            foreach (var wishId in changed) await gate.ForgetAsync(wishId);
        return claims.Count;
    }
}
