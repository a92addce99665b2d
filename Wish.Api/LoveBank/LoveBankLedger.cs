using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.LoveBank;

/// <summary>
/// Writes ledger rows and moves the balance with them, inside the caller's transaction (callers begin one: the balance moves at
/// once, the rows with the caller's SaveChanges, and both commit or neither). A debit is one conditional UPDATE that refuses to go
/// below zero, so concurrent redemptions can never overdraw; the table's CHECK constraint stands behind it.
/// </summary>
public sealed class LoveBankLedger(WishDbContext db, WishRules rules)
{
    public async Task CreditAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Points <= 0) throw new InvalidOperationException("a credit adds points");
        EnsureTransaction();
        await db.Database.ExecuteSqlAsync($"""
            INSERT INTO "LoveBankAccounts" ("VolunteerId", "Balance", "UpdatedAt") VALUES ({entry.VolunteerId}, {entry.Points}, {entry.At})
            ON CONFLICT ("VolunteerId") DO UPDATE SET "Balance" = "LoveBankAccounts"."Balance" + EXCLUDED."Balance", "UpdatedAt" = EXCLUDED."UpdatedAt"
            """, cancellationToken);
        db.LedgerEntries.Add(entry);
    }

    /// <summary>False, and nothing written, when the balance does not cover the row.</summary>
    public async Task<bool> TryDebitAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Points >= 0) throw new InvalidOperationException("a debit takes points");
        EnsureTransaction();
        var cost = -entry.Points;
        var updated = await db.Database.ExecuteSqlAsync($"""
            UPDATE "LoveBankAccounts" SET "Balance" = "Balance" - {cost}, "UpdatedAt" = {entry.At}
            WHERE "VolunteerId" = {entry.VolunteerId} AND "Balance" >= {cost}
            """, cancellationToken);
        if (updated == 0) return false;
        db.LedgerEntries.Add(entry);
        return true;
    }

    /// <summary>Either direction: staff adjustments and reversals may add or take away.</summary>
    public async Task<bool> TryApplyAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        if (entry.Points > 0)
        {
            await CreditAsync(entry, cancellationToken);
            return true;
        }
        return await TryDebitAsync(entry, cancellationToken);
    }

    /// <summary>
    /// Points follow final minutes (DESIGN.md §9), for an activity sign-up and a fulfilled wish alike: whatever the source earned
    /// before and still stands is reversed, then the points for <paramref name="minutes"/> are earned anew; a row is never edited.
    /// Nothing is written when the standing points already match. False, with nothing written, when a reversal would overdraw
    /// (the points were spent on a redemption).
    /// </summary>
    public async Task<bool> SettleEarnedAsync(Guid volunteerId, Guid sourceId, int minutes, string reason, string correctionReason, Actor by,
        DateTimeOffset at, CancellationToken cancellationToken)
    {
        var points = rules.Points(minutes);
        var rows = await db.LedgerEntries.Where(e => e.SourceId == sourceId).ToListAsync(cancellationToken);
        var standing = rows.Where(e => e.Kind == LedgerKind.Earned && rows.All(r => r.ReversesId != e.Id)).ToList();
        if (standing.Sum(e => e.Points) == points) return true;
        foreach (var earned in standing)
            if (!await TryDebitAsync(LedgerEntry.Reversal(earned, correctionReason, by, at), cancellationToken))
                return false;
        if (points > 0)
            await CreditAsync(LedgerEntry.Earned(volunteerId, points, reason, sourceId, by, at), cancellationToken);
        return true;
    }

    /// <summary>The volunteer's balance row, locked until the transaction ends: a volunteer's redemptions then go one at a time.</summary>
    public async Task<int> LockBalanceAsync(Guid volunteerId, CancellationToken cancellationToken) =>
        (await db.LoveBankAccounts.FromSql($"""SELECT * FROM "LoveBankAccounts" WHERE "VolunteerId" = {volunteerId} FOR NO KEY UPDATE""")
            .AsNoTracking().ToListAsync(cancellationToken)).SingleOrDefault()?.Balance ?? 0;

    public async Task<int> BalanceAsync(Guid volunteerId, CancellationToken cancellationToken) =>
        await db.LoveBankAccounts.AsNoTracking().Where(a => a.VolunteerId == volunteerId).Select(a => (int?)a.Balance)
            .FirstOrDefaultAsync(cancellationToken) ?? 0;

    private void EnsureTransaction()
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("ledger writes run inside the caller's transaction");
    }
}
