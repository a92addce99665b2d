using Microsoft.EntityFrameworkCore;
using WeChatWish.Api.Data;
using WeChatWish.Api.Notifications;
using WeChatWish.Api.ReferenceData;
using WeChatWish.Domain;

namespace WeChatWish.Api.Claims;

/// <summary>A volunteer's own claims: the list, giving one back, reporting one fulfilled.</summary>
public sealed class MyClaimsService(
    WishDbContext db, ClaimGate gate, ILifecycleNotifier notifier, DistrictDirectory districts, TimeProvider clock)
{
    public Task<IReadOnlyList<ClaimResponse>> ListAsync(Guid volunteerId, CancellationToken cancellationToken) =>
        ReadAsync(db.Claims.AsNoTracking().Where(c => c.VolunteerId == volunteerId), cancellationToken);

    public async Task<ClaimResponse> GetAsync(Guid claimId, Guid volunteerId, CancellationToken cancellationToken)
    {
        var owner = await db.Claims.AsNoTracking().Where(c => c.Id == claimId).Select(c => (Guid?)c.VolunteerId).FirstOrDefaultAsync(cancellationToken)
            ?? throw DomainErrors.ClaimNotFound();
        if (owner != volunteerId) throw NotYours();
        return (await ReadAsync(db.Claims.AsNoTracking().Where(c => c.Id == claimId), cancellationToken)).Single();
    }

    private async Task<IReadOnlyList<ClaimResponse>> ReadAsync(IQueryable<Claim> claims, CancellationToken cancellationToken)
    {
        var rows = await (from c in claims
                          join w in db.Wishes on c.WishId equals w.Id
                          join b in db.Beneficiaries on w.BeneficiaryId equals b.Id
                          orderby c.Status == ClaimStatus.Active descending, c.ClaimedAt descending
                          // Contact columns are read only for active claims, so an ended claim never carries them even in memory.
                          select new
                          {
                              Claim = c, w.Code, Content = w.MaskedContent,
                              Name = c.Status == ClaimStatus.Active ? b.Name : "",
                              Phone = c.Status == ClaimStatus.Active ? b.Phone : null,
                              Address = c.Status == ClaimStatus.Active ? b.Address : null,
                          }).ToListAsync(cancellationToken);
        return rows.Select(r => ClaimResponse.From(r.Claim, r.Code, r.Content, r.Name, r.Phone, r.Address)).ToList();
    }

    public Task<ClaimResponse> ReleaseAsync(Guid claimId, Guid volunteerId, string? reason, CancellationToken cancellationToken) =>
        ChangeAsync(claimId, volunteerId, (claim, wish, now) =>
        {
            claim.Release(reason, now);
            wish.ReturnToPublished(claim, now);
            return Task.CompletedTask;
        }, cancellationToken);

    /// <summary>The fulfilment goes into the service record, provisional until staff confirm.</summary>
    public Task<ClaimResponse> FulfilAsync(Guid claimId, Guid volunteerId, FulfilmentRequest request, CancellationToken cancellationToken) =>
        ChangeAsync(claimId, volunteerId, async (claim, wish, now) =>
        {
            var fulfilment = claim.Fulfil(request.Note!, request.PhotoUrls ?? [], request.Minutes!.Value, now);
            wish.Fulfil(claim, now);
            // The place is the district, not the address: the record outlives the claim, the address must not.
            var place = (await districts.AllAsync(cancellationToken)).FirstOrDefault(d => d.Code == wish.DistrictCode)?.Name ?? wish.DistrictCode;
            db.Fulfilments.Add(fulfilment);
            db.ServiceRecordEntries.Add(ServiceRecordEntry.ForFulfilment(fulfilment, place, $"完成微心愿{wish.Code}：{wish.MaskedContent}"));
            await notifier.WishFulfilledAsync(wish, claim, cancellationToken);
        }, cancellationToken);

    private async Task<ClaimResponse> ChangeAsync(Guid claimId, Guid volunteerId, Func<Claim, Wish, DateTimeOffset, Task> change,
        CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        db.Database.AutoSavepointsEnabled = false;
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        // Locked so the lease job (SKIP LOCKED) or a staff revoke cannot end the same claim between our read and our write.
        var claim = await db.Claims.FromSql($"""SELECT * FROM "Claims" WHERE "Id" = {claimId} FOR UPDATE""").SingleOrDefaultAsync(cancellationToken)
            ?? throw DomainErrors.ClaimNotFound();
        if (claim.VolunteerId != volunteerId) throw NotYours();
        var found = await (from w in db.Wishes
                           join b in db.Beneficiaries on w.BeneficiaryId equals b.Id
                           where w.Id == claim.WishId
                           select new { Wish = w, Beneficiary = b }).SingleAsync(cancellationToken);

        await change(claim, found.Wish, now);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (found.Wish.Status == WishStatus.Published) await gate.ForgetAsync(found.Wish.Id);
        return ClaimResponse.From(claim, found.Wish, found.Beneficiary);
    }

    private static ForbiddenException NotYours() => new(DomainErrorCodes.ClaimNotYours, "这不是您认领的心愿。");
}
