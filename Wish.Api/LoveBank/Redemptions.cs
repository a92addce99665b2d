using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WeChatWish.Api.Activities;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.LoveBank;

/// <summary>The <c>Rewards</c> section.</summary>
public sealed class RewardOptions
{
    public const string SectionName = "Rewards";

    /// <summary>How long a reservation waits to be collected (never past the reward's validity).</summary>
    public TimeSpan ReservationLifetime { get; set; } = TimeSpan.FromDays(7);

    public bool ExpiryEnabled { get; set; } = true;

    public TimeSpan ExpiryInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Redeeming, collecting, cancelling and expiring, each in one transaction. Redeeming locks the volunteer's balance row (so the
/// per-volunteer limit counts what the volunteer's other requests did), takes one from stock with a conditional UPDATE (so stock
/// is never oversold, whatever the instances) and debits the balance with another; the three commit together or not at all.
/// </summary>
public sealed class Redemptions(WishDbContext db, LoveBankLedger ledger, IOptions<RewardOptions> options, TimeProvider clock)
{
    public async Task<RedemptionView> RedeemAsync(Guid rewardId, Guid volunteerId, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var balance = await ledger.LockBalanceAsync(volunteerId, cancellationToken);
        var reward = await db.Rewards.AsNoTracking().FirstOrDefaultAsync(r => r.Id == rewardId, cancellationToken) ?? throw DomainErrors.RewardNotFound();
        var now = clock.GetUtcNow();
        var held = await db.Redemptions.CountAsync(r => r.VolunteerId == volunteerId && r.RewardId == rewardId
            && (r.Status == RedemptionStatus.Reserved || r.Status == RedemptionStatus.Collected), cancellationToken);
        reward.EnsureRedeemable(WishRules.StarLevel(await db.FinalMinutesAsync(volunteerId, cancellationToken)), held, now);
        if (balance < reward.PointsCost) throw DomainErrors.PointsNotEnough();

        if (reward.Stock is not null)
        {
            var taken = await db.Database.ExecuteSqlAsync(
                $"""UPDATE "Rewards" SET "Remaining" = "Remaining" - 1 WHERE "Id" = {rewardId} AND "Remaining" > 0""", cancellationToken);
            if (taken == 0) throw new ConflictException(DomainErrorCodes.RewardOutOfStock, "这个回馈项目刚刚被兑完了，请看看其他项目。");
        }
        var redemption = Redemption.Reserve(reward, volunteerId, options.Value.ReservationLifetime, now);
        db.Redemptions.Add(redemption);
        if (!await ledger.TryDebitAsync(LedgerEntry.Redeemed(volunteerId, reward.PointsCost, "兑换：" + reward.Name, redemption.Id,
                Actor.Volunteer(volunteerId), now), cancellationToken))
            throw DomainErrors.PointsNotEnough();
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await ViewAsync(redemption.Id, cancellationToken);
    }

    public Task<RedemptionView> CollectAsync(Guid id, Actor by, CancellationToken cancellationToken) =>
        EndAsync(id, (r, now) => r.Collect(by, now), refund: false, by, cancellationToken);

    public Task<RedemptionView> CancelAsync(Guid id, Actor by, CancellationToken cancellationToken) =>
        EndAsync(id, (r, now) => r.Cancel(by, now), refund: true, by, cancellationToken);

    /// <summary>
    /// Releases reservations past their expiry: stock back, points refunded. Safe on every instance at once: each row is taken with
    /// <c>FOR UPDATE SKIP LOCKED</c> and its state read under the lock, the lock collect and cancel take too. One row per
    /// transaction, so the balance and stock locks are taken in the order redeeming takes them and no two passes deadlock.
    /// </summary>
    public async Task<int> ExpireDueAsync(int batchSize, CancellationToken cancellationToken)
    {
        var expired = 0;
        while (expired < batchSize)
        {
            var now = clock.GetUtcNow().ToUniversalTime();
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var due = (await db.Redemptions.FromSql($"""
                SELECT * FROM "Redemptions" WHERE "Status" = 'Reserved' AND "ExpiresAt" <= {now} ORDER BY "ExpiresAt" LIMIT 1 FOR UPDATE SKIP LOCKED
                """).ToListAsync(cancellationToken)).SingleOrDefault();
            if (due is null) break;
            due.Expire(now);
            await GiveBackAsync(due, "兑换已过期，积分退回", Actor.System("redemption-expiry"), now, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            db.ChangeTracker.Clear();
            expired++;
        }
        return expired;
    }

    public async Task<RedemptionView> ViewAsync(Guid id, CancellationToken cancellationToken) =>
        await Views(db.Redemptions.Where(r => r.Id == id)).FirstOrDefaultAsync(cancellationToken) ?? throw DomainErrors.RedemptionNotFound();

    /// <summary>Newest first: the order is set before the projection, which the database cannot sort by.</summary>
    public IQueryable<RedemptionView> Views(IQueryable<Redemption> redemptions) =>
        from r in redemptions.AsNoTracking()
        join w in db.Rewards on r.RewardId equals w.Id
        join v in db.Volunteers on r.VolunteerId equals v.Id
        orderby r.ReservedAt descending, r.Id descending
        select new RedemptionView(r.Id, r.Code, r.Status, w.Id, w.Name, w.Partner, r.Points, v.Id, v.Name, r.ReservedAt, r.ExpiresAt, r.EndedAt);

    private async Task<RedemptionView> EndAsync(Guid id, Action<Redemption, DateTimeOffset> end, bool refund, Actor by, CancellationToken cancellationToken)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var redemption = (await db.Redemptions.FromSql($"""SELECT * FROM "Redemptions" WHERE "Id" = {id} FOR UPDATE""").ToListAsync(cancellationToken))
            .SingleOrDefault() ?? throw DomainErrors.RedemptionNotFound();
        var now = clock.GetUtcNow();
        end(redemption, now);
        if (refund) await GiveBackAsync(redemption, "兑换已取消，积分退回", by, now, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return await ViewAsync(id, cancellationToken);
    }

    // The balance first, then the stock: the order redeeming takes their locks in.
    private async Task GiveBackAsync(Redemption redemption, string reason, Actor by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var redeemed = await db.LedgerEntries.AsNoTracking().FirstAsync(e => e.SourceId == redemption.Id && e.Kind == LedgerKind.Redeemed, cancellationToken);
        await ledger.CreditAsync(LedgerEntry.Refunded(redeemed, reason, by, now), cancellationToken);
        await db.Database.ExecuteSqlAsync(
            $"""UPDATE "Rewards" SET "Remaining" = "Remaining" + 1 WHERE "Id" = {redemption.RewardId} AND "Remaining" IS NOT NULL""", cancellationToken);
    }
}

/// <summary>Runs <see cref="Redemptions.ExpireDueAsync"/> every <see cref="RewardOptions.ExpiryInterval"/> on every instance.</summary>
public sealed class RedemptionExpiryService(IServiceScopeFactory scopes, TimeProvider clock, IOptions<RewardOptions> options,
    ILogger<RedemptionExpiryService> logger) : BackgroundService
{
    public const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ExpiryEnabled) return;
        using var timer = new PeriodicTimer(options.Value.ExpiryInterval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var expired = await scope.ServiceProvider.GetRequiredService<Redemptions>().ExpireDueAsync(BatchSize, stoppingToken);
                if (expired > 0) logger.LogInformation("Redemptions: {Expired} expired reservations released", expired);
            }
            catch (Exception e) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(e, "Redemption expiry pass failed");
            }
        }
    }
}
