using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Domain;

namespace WeChatWish.Api.Wishes;

/// <summary>What became of a submission: the stored wish, its beneficiary, and whether it went to next month's round.</summary>
public sealed record SubmittedWish(Wish Wish, Beneficiary Beneficiary, bool InNextRound);

/// <summary>
/// Turns a validated <see cref="WishSubmission"/> into a stored, submitted wish for every channel: finds or creates the
/// beneficiary (by openid, else by name and phone, so the once-a-year flag works across channels), enforces one wish
/// waiting for review per beneficiary, assigns the round and a code, and records it all in one transaction.
/// </summary>
public sealed class WishSubmissionService(WishDbContext db, WishCodeAllocator codes, WishRules rules, TimeProvider clock)
{
    public async Task<SubmittedWish> SubmitAsync(WishSubmission submission, Func<Beneficiary, Actor> actor, CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        // Joins a caller's transaction (a CSV import is all-or-nothing across rows), else runs in its own.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;

        var beneficiary = await FindOrCreateBeneficiaryAsync(submission, now, cancellationToken);
        // Serialises submissions for one person, so two at once cannot both pass the one-waiting-for-review check.
        await db.Database.ExecuteSqlAsync($"""SELECT 1 FROM "Beneficiaries" WHERE "Id" = {beneficiary.Id} FOR UPDATE""", cancellationToken);

        var prior = await db.Wishes.AsNoTracking()
            .Where(w => w.BeneficiaryId == beneficiary.Id)
            .Select(w => new { w.Status, w.SubmittedAt, w.Code })
            .ToListAsync(cancellationToken);
        var waiting = prior.FirstOrDefault(p => p.Status == WishStatus.Submitted);
        if (waiting is not null)
            throw new RuleViolationException(DomainErrorCodes.WishAlreadyWaitingForReview,
                $"您已有一个心愿（{waiting.Code}）正在审核中，审核后才能再提交新的心愿。");

        var round = rules.RoundFor(now);
        var code = await codes.NextCodeAsync(round, cancellationToken);
        Categories.TryFromCode(submission.Category, out var category);
        WishSubmissionValidator.TryParseKind(submission.Kind, out var kind);
        var photos = (submission.Photos ?? []).Select(p => WishPhoto.Create(p.MediaId, p.Url, now)).ToList();
        var wish = Wish.Submit(
            new NewWish(beneficiary.Id, submission.Channel, category, kind, submission.DistrictCode, submission.Content.Trim(),
                submission.EstimatedCost, photos, beneficiary.PersonalDetails()),
            code, rules, prior.Select(p => new PriorWish(p.Status, p.SubmittedAt)), actor(beneficiary), now);
        db.Wishes.Add(wish);
        await db.SaveChangesAsync(cancellationToken);
        if (transaction is not null) await transaction.CommitAsync(cancellationToken);

        var calendarRound = new Round(rules.ToChinaTime(now).Year, rules.ToChinaTime(now).Month);
        return new SubmittedWish(wish, beneficiary, round != calendarRound);
    }

    private async Task<Beneficiary> FindOrCreateBeneficiaryAsync(WishSubmission submission, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var details = submission.Beneficiary;
        Beneficiary? beneficiary = null;
        if (submission.OpenId is not null)
            beneficiary = await db.Beneficiaries.FirstOrDefaultAsync(b => b.OpenId == submission.OpenId, cancellationToken);
        beneficiary ??= await db.Beneficiaries.FirstOrDefaultAsync(
            b => b.Name == details.Name.Trim() && b.Phone == details.Phone && b.ErasedAt == null, cancellationToken);

        if (beneficiary is null)
        {
            beneficiary = Beneficiary.Create(details.Name.Trim(), details.Phone, details.Address, details.IdNumber,
                submission.DistrictCode, submission.OpenId, now);
            db.Beneficiaries.Add(beneficiary);
        }
        else
        {
            beneficiary.UpdateContact(details.Name.Trim(), details.Phone, details.Address ?? beneficiary.Address,
                details.IdNumber ?? beneficiary.IdNumber, submission.DistrictCode, now);
            if (submission.OpenId is not null && beneficiary.OpenId != submission.OpenId) beneficiary.LinkWeChat(submission.OpenId, now);
        }
        await db.SaveChangesAsync(cancellationToken);
        return beneficiary;
    }
}
