using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Staff.Rounds;

/// <summary>
/// Once a round's month is over, its wishes nobody claimed (submitted, verified or published) move into the current round,
/// keeping status and code. Every move is in the wish's history, which the round summary reports. Idempotent, and one
/// instance at a time through a PostgreSQL advisory lock.
/// </summary>
public sealed class RoundRollover(WishDbContext db, WishRules rules, ILogger<RoundRollover> logger)
{
    public static readonly Actor Actor = Actor.System("round-rollover");
    private const long LockKey = 0x5749_5348_5245; // "WISHRE": any constant shared by every instance

    /// <summary>Wishes moved per transaction, so a large backlog never becomes one long transaction holding every row lock.</summary>
    public int BatchSize { get; init; } = 500;

    public async Task<int> RunAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var local = rules.ToChinaTime(now);
        var current = new Round(local.Year, local.Month);
        var total = 0;
        int? moved;
        while ((moved = await MoveBatchAsync(current, now, cancellationToken)) is { } count)
        {
            total += count;
            if (count < BatchSize) break;
        }
        if (total > 0) logger.LogInformation("Rolled {Count} unclaimed wishes into round {Round}", total, current);
        return total;
    }

    /// <summary>Moves up to <see cref="BatchSize"/> wishes; null when another instance holds the lock.</summary>
    private async Task<int?> MoveBatchAsync(Round current, DateTimeOffset now, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var locked = await db.Database.SqlQuery<bool>($"SELECT pg_try_advisory_xact_lock({LockKey}) AS \"Value\"")
            .SingleAsync(cancellationToken);
        if (!locked) return null;

        var unclaimed = new[] { nameof(WishStatus.Submitted), nameof(WishStatus.Verified), nameof(WishStatus.Published) };
        var wishes = await db.Wishes.FromSql($"""
            SELECT w.*, w.xmin FROM "Wishes" AS w WHERE w."Round" < {current.Value} AND w."Status" = ANY({unclaimed})
            ORDER BY w."Round", w."Id" LIMIT {BatchSize} FOR UPDATE
            """).ToListAsync(cancellationToken);
        foreach (var wish in wishes) wish.MoveToRound(current, Actor, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return wishes.Count;
    }
}
